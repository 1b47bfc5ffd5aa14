/** The demo exhibition's fixed data: a crafts exhibition of the Guangxi region. */

/** Every demo user's password (the admin keeps its own). */
export const DEMO_PASSWORD = 'demo-password';

export const DEMO_EVENT = {
  slug: 'guangxi-crafts-demo',
  name: '广西工艺美术作品展（演示）',
  kind: 'CRAFTS_EXHIBITION',
} as const;

export const DEMO_CATEGORIES: ReadonlyArray<{
  code: string;
  name: string;
  children: ReadonlyArray<[string, string]>;
}> = [
  {
    code: 'TC',
    name: '陶瓷',
    children: [
      ['TC-01', '坭兴陶'],
      ['TC-02', '艺术瓷'],
    ],
  },
  {
    code: 'BZ',
    name: '编织',
    children: [
      ['BZ-01', '竹编'],
      ['BZ-02', '藤编'],
    ],
  },
  {
    code: 'MD',
    name: '木雕',
    children: [
      ['MD-01', '根雕'],
      ['MD-02', '红木家具'],
    ],
  },
  {
    code: 'CX',
    name: '刺绣',
    children: [
      ['CX-01', '侗族刺绣'],
      ['CX-02', '绣球'],
    ],
  },
];

export const ENTERPRISES = [
  '钦州市坭兴陶艺有限公司',
  '北海贝雕工艺品厂',
  '桂林漓江竹编工艺有限公司',
  '南宁绿城红木家具有限公司',
  '梧州六堡茶具工艺有限公司',
  '柳州螺蛳工艺品有限公司',
  '玉林藤艺家居有限公司',
  '百色芒果木雕有限公司',
  '贺州瑶绣文化发展有限公司',
  '靖西绣球工艺品有限公司',
  '防城港京族工艺有限公司',
  '河池铜鼓文化传播有限公司',
];

export const INSTITUTIONS = [
  '广西艺术学院',
  '广西工艺美术研究院',
  '钦州学院陶瓷学院',
  '柳州职业技术学院',
  '桂林旅游学院',
  '广西民族博物馆',
];

export const CRAFTSPEOPLE = [
  '韦𠮷阿婆',
  '阿依古丽·买买提',
  '黄秀英',
  '莫振华',
  '蒙桂兰',
  '覃建国',
  '卢美玲',
  '梁德胜',
  '潘月娥',
  '吴金花',
  '农志强',
  '滕小燕',
];

export const TITLES: Record<string, readonly string[]> = {
  'TC-01': ['坭兴陶茶具', '刻花坭兴陶瓶', '坭兴陶香炉', '窑变坭兴陶壶'],
  'TC-02': ['青花山水瓷盘', '釉里红花瓶', '粉彩仕女瓷瓶', '影青刻花碗'],
  'BZ-01': ['竹编果篮', '竹丝扇', '竹编灯笼', '竹编茶盘'],
  'BZ-02': ['藤编摇椅', '藤编收纳箱', '藤编花器', '藤编凉席'],
  'MD-01': ['根雕 漓江春晓', '根雕 松鹤延年', '根雕 观音', '根雕 八仙过海'],
  'MD-02': ['红木圈椅', '红木茶台', '红木屏风', '红木博古架'],
  'CX-01': ['侗族刺绣背带', '侗绣百鸟衣', '侗绣围裙', '侗绣鼓楼图'],
  'CX-02': ['十二瓣绣球', '龙凤绣球', '壮锦绣球', '迷你绣球挂件'],
};

export const MATERIALS: Record<string, string> = {
  TC: '钦州坭兴陶土、高岭土',
  BZ: '毛竹、白藤',
  MD: '黄花梨、樟木根',
  CX: '棉布、丝线',
};

export const TECHNIQUES: Record<string, string> = {
  TC: '手工拉坯、雕刻、柴窑烧制',
  BZ: '劈篾、编织、上漆',
  MD: '圆雕、镂空雕、打磨',
  CX: '平绣、锁绣、盘金绣',
};

export const CREATORS = [
  '李明',
  '王芳',
  '黄志坚',
  '韦秀兰',
  '覃美华',
  '蒙德才',
  '阿依古丽·买买提',
  '陆永强',
  '莫丽萍',
  '罗春生',
];

/** Valid patent numbers (check characters computed, see libs/validators). */
export const PATENTS = ['ZL201310123456.2', 'ZL98123456.9'];

export const REJECTIONS = ['照片不清晰，无法评审', '不属于本届征集范围', '作品信息不完整'];
export const DISQUALIFICATIONS = ['经核实为非原创作品', '已在其他展会获奖，违反参展规定'];

/** Each leaf category's parent code. */
export const CATEGORY_PARENTS: Record<string, string> = Object.fromEntries(
  DEMO_CATEGORIES.flatMap((parent) => parent.children.map(([code]) => [code, parent.code])),
);
