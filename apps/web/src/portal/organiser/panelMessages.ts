/**
 * The words of editing a panel and of moving an assignment to another judge (issue 21),
 * zh-CN first. Part of the one table of ../../i18n.ts (spread into it), in a block of their own.
 */
export const panelEditZhCN = {
  editPanel: '编辑',
  editPanelNamed: '编辑评审组“{name}”',
  savePanel: '保存修改',
  cancelEdit: '取消',
  panelSaved: '评审组已保存',
  panelEditDraftNote:
    '轮次尚未开始，可以自由修改。移出的评委、移出的类别原有的分配会被删除，保存后请重新分配评委。',
  panelEditOpenNote:
    '评审进行中：可以改名、增加评委和类别；还有评审任务的评委、作品已分配的类别不能移除——请先在“分配评委”步骤把未评的作品移交给其他评委。',
  judgeInactive: '已停用',
  inactiveJudgesHidden: '另有 {n} 位评委的账号已停用，不在可选名单中',
  // moving an assignment
  moveTitle: '移交评审任务',
  moveIntro:
    '评委无法继续时，可把他尚未评分的作品移交给负责该类别的其他评委；已评分、已回避的作品不能移交。',
  moveJudge: '评委',
  moveNoAssignments: '这位评委在本轮没有评审任务',
  moveEntry: '作品',
  moveStatus: '状态',
  moveOpen: '移交…',
  moveTo: '移交给',
  movePendingLoad: '待评 {n} 件',
  moveReason: '移交原因（选填）',
  moveConfirm: '确认移交',
  moveCancel: '取消',
  moveDone: '“{title}”已移交给 {name}',
  moveNobody: '没有可以接手的评委：请先在“评审组与回避”中为该评审组增加评委',
  moveNotMovable: '不可移交',
  moveCannotTake: '不能接手：{why}',
  moveWhy_NOT_A_JUDGE: '不是评委账号',
  moveWhy_JUDGE_INACTIVE: '账号已停用',
  moveWhy_JUDGE_NOT_ON_PANEL: '不在负责该作品类别的评审组',
  moveWhy_JUDGE_ALREADY_ASSIGNED: '已分配到这件作品',
  moveWhy_CONFLICT_OF_INTEREST: '与该作品的参展单位有回避关系',
  moveWhyOther: '规则不允许',
  // a refusal of the move, said to the organiser (the shared words speak to the judge)
  moveRefused_CONFLICT_OF_INTEREST: '所选评委与该作品的参展单位有回避关系，不能接手',
  moveRefused_ALREADY_SUBMITTED: '这件作品已经评分，评审任务不能再移交',
  moveRefused_ASSIGNMENT_RECUSED:
    '评委已回避这件作品，任务不能移交；如需补足评委，请使用“补充分配”',
  moveRefused_ASSIGNMENT_NOT_FOUND: '这条评审任务已被移交或删除，请刷新列表',
} as const;

export const panelEditEn: Record<keyof typeof panelEditZhCN, string> = {
  editPanel: 'Edit',
  editPanelNamed: 'Edit panel “{name}”',
  savePanel: 'Save changes',
  cancelEdit: 'Cancel',
  panelSaved: 'Panel saved',
  panelEditDraftNote:
    'The round has not started: change anything. The assignments of judges or categories you remove are deleted; assign the judges again after saving.',
  panelEditOpenNote:
    'The round is open: rename, add judges and categories; a judge with entries to score or scored, and a category with assigned entries, stay — move the unscored entries to other judges first (assignment step).',
  judgeInactive: 'deactivated',
  inactiveJudgesHidden: '{n} more judges are deactivated and not offered',
  moveTitle: 'Move assignments',
  moveIntro:
    'When a judge cannot go on, give the entries they have not scored to another judge of the panel for that category; scored or recused ones stay.',
  moveJudge: 'Judge',
  moveNoAssignments: 'This judge holds no assignment in this round',
  moveEntry: 'Entry',
  moveStatus: 'Status',
  moveOpen: 'Move…',
  moveTo: 'Move to',
  movePendingLoad: '{n} to score',
  moveReason: 'Why (optional)',
  moveConfirm: 'Move',
  moveCancel: 'Cancel',
  moveDone: '“{title}” moved to {name}',
  moveNobody: 'Nobody can take it: add judges to the panel first (panels step)',
  moveNotMovable: 'Cannot be moved',
  moveCannotTake: 'cannot take it: {why}',
  moveWhy_NOT_A_JUDGE: 'not a judge account',
  moveWhy_JUDGE_INACTIVE: 'account deactivated',
  moveWhy_JUDGE_NOT_ON_PANEL: "not on the panel for the entry's category",
  moveWhy_JUDGE_ALREADY_ASSIGNED: 'already holds this entry',
  moveWhy_CONFLICT_OF_INTEREST: "conflict of interest with the entry's entrant",
  moveWhyOther: 'not allowed by the rules',
  moveRefused_CONFLICT_OF_INTEREST:
    "The judge chosen has a conflict of interest with the entry's entrant and cannot take it",
  moveRefused_ALREADY_SUBMITTED: 'This entry has been scored; the assignment cannot move',
  moveRefused_ASSIGNMENT_RECUSED:
    'The judge stepped aside from this entry; it cannot move — use the top-up to give it another judge',
  moveRefused_ASSIGNMENT_NOT_FOUND:
    'This assignment was moved or removed meanwhile; reload the list',
};
