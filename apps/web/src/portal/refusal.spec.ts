import { ApiError, NetworkError } from '../api';
import { translator } from '../i18n';
import { PublicApiError } from '../public/publicApi';
import { HttpRefusal } from './files';
import { describeError } from './describeError';
import { describeRefusal, fieldLabel } from './refusal';

const zh = { locale: 'zh-CN' as const, t: translator('zh-CN') };
const en = { locale: 'en' as const, t: translator('en') };

describe('a refusal in the reader’s words', () => {
  it('says a reason in Chinese and never the server’s English message', () => {
    const error = new ApiError(
      'assign judges (assignJudges) before opening the round',
      'CONFLICT',
      'NO_ASSIGNMENTS',
    );
    const text = describeError(zh, error);
    expect(text).toContain('还没有分配评委');
    expect(text).not.toMatch(/assign|[A-Z]{3,}/);
    expect(describeError(en, error)).toMatch(/^No judges are assigned yet/);
  });

  it('falls back on the code for a reason it does not know, then on a generic sentence', () => {
    const newReason = new ApiError('the widget is frobbed', 'CONFLICT', 'WIDGET_FROBBED');
    expect(describeError(zh, newReason)).toBe('当前状态下不能这样操作，请刷新页面后再试');
    const strange = new ApiError('teapot', 'I_AM_A_TEAPOT', undefined);
    expect(describeError(zh, strange)).toMatch(/^操作没有成功/);
    expect(describeError(zh, new TypeError('x is undefined'))).toMatch(/^操作没有成功/);
    expect(describeError(zh, new NetworkError('fetch failed'))).toBe('无法连接服务器');
  });

  it('names the field a refusal concerns, rows of a list included', () => {
    expect(
      describeRefusal(zh.locale, {
        code: 'BAD_USER_INPUT',
        reason: 'TEXT_TOO_LONG',
        details: { field: 'materials' },
      }),
    ).toBe('材料：内容太长');
    expect(fieldLabel(zh.locale, 'criteria[1].weight')).toBe('评分项第 2 项的权重');
    expect(fieldLabel(en.locale, 'awardTiers[0].quota.value')).toBe('Award tier 1, quota');
    expect(fieldLabel(zh.locale, 'tieBreakCriteria[2]')).toBe('并列时比较的评分项第 3 项');
    expect(fieldLabel(zh.locale, 'somethingNew')).toBeNull();
    // a field the table does not know is left out rather than shown raw
    expect(
      describeRefusal(zh.locale, {
        code: 'BAD_USER_INPUT',
        reason: 'NAME_REQUIRED',
        details: { field: 'x' },
      }),
    ).toBe('请填写名称');
  });

  it('does not name the field twice when the reason names it', () => {
    expect(
      describeRefusal(zh.locale, {
        code: 'BAD_USER_INPUT',
        reason: 'TITLE_REQUIRED',
        details: { field: 'title' },
      }),
    ).toBe('请填写作品名称');
  });

  it('lists the other problems of a form refused as a whole', () => {
    const text = describeRefusal(zh.locale, {
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_WEIGHT',
      details: {
        field: 'criteria[0].weight',
        problems: [
          { reason: 'INVALID_WEIGHT', field: 'criteria[0].weight' },
          { reason: 'WEIGHTS_NOT_100', field: 'criteria' },
          { reason: 'NAME_REQUIRED', field: 'awardTiers[1].name' },
        ],
      },
    });
    expect(text).toBe(
      '评分项第 1 项的权重：权重应为 0–100 的整数；各评分项的权重合计须为 100；另有 1 处问题',
    );
  });

  it('adds when to try again and the limit', () => {
    const wait = new PublicApiError('slow down', 'RATE_LIMITED', 'TOO_MANY_OBJECTIONS', {
      retryAfterSeconds: 1500,
    });
    expect(describeError(zh, wait)).toMatch(/请稍后再试（约 25 分钟后可再试）$/);
    expect(
      describeRefusal(en.locale, {
        code: 'RATE_LIMITED',
        reason: 'TOO_MANY_FAILED_LOGINS',
        details: { retryAfterSeconds: 30 },
      }),
    ).toBe('Too many failed sign-ins; please try again later (in 30 s)');
    expect(
      describeRefusal(zh.locale, {
        code: 'CONFLICT',
        reason: 'TOO_MANY_ENTRIES',
        details: { limit: 5 },
      }),
    ).toBe('作品数量已达上限（上限为 5）');
  });

  it('names who or what a refusal concerns (the judges a panel keeps, say)', () => {
    expect(
      describeRefusal(zh.locale, {
        code: 'CONFLICT',
        reason: 'JUDGE_HAS_ASSIGNMENTS',
        details: { judgeIds: ['a', 'b'], names: ['评委 陈', '评委 黄'] },
      }),
    ).toMatch(/；涉及：评委 陈、评委 黄$/);
    expect(
      describeRefusal(en.locale, {
        code: 'CONFLICT',
        reason: 'CATEGORY_HAS_ASSIGNMENTS',
        details: { names: ['TC 陶瓷'] },
      }),
    ).toMatch(/; concerns: TC 陶瓷$/);
  });

  it('says until when the notice runs when finalising comes too early', () => {
    const at = '2026-12-14T09:56:30.000Z';
    const day = new Intl.DateTimeFormat('zh-CN', { dateStyle: 'short' }).format(new Date(at));
    const zhText = describeRefusal(zh.locale, {
      code: 'CONFLICT',
      reason: 'NOTICE_RUNNING',
      details: { noticeEndsAt: at },
    });
    expect(zhText).toMatch(/^公示期尚未结束；公示期至 /);
    expect(zhText).toContain(day);
    expect(zhText).not.toContain('2026-12-14T');
    const enText = describeRefusal(en.locale, {
      code: 'CONFLICT',
      reason: 'NOTICE_RUNNING',
      details: { noticeEndsAt: at },
    });
    expect(enText).toMatch(/^The public notice has not ended yet; the notice runs until /);
    expect(enText).toContain(
      new Intl.DateTimeFormat('en', { dateStyle: 'short' }).format(new Date(at)),
    );
  });

  it('says the length a password must have', () => {
    const weak = {
      code: 'BAD_USER_INPUT',
      reason: 'WEAK_PASSWORD',
      details: { field: 'password' },
    };
    expect(describeRefusal(zh.locale, weak)).toBe('密码须为 8 到 128 个字符');
    expect(describeRefusal(en.locale, weak)).toBe('A password has 8 to 128 characters');
  });

  it('says which check of a credit code failed', () => {
    expect(
      describeRefusal(zh.locale, {
        code: 'BAD_USER_INPUT',
        reason: 'INVALID_CREDIT_CODE',
        details: { field: 'creditCode', problem: 'CHECK_CHARACTER' },
      }),
    ).toBe('统一社会信用代码不正确；第 18 位校验码不正确，请核对');
  });

  it('reads a plain HTTP refusal the same way', () => {
    const refusal = new HttpRefusal(409, {
      code: 'CONFLICT',
      reason: 'AWARD_REVOKED',
      message: 'the award of P-01 was revoked',
    });
    expect(describeError(zh, refusal)).toBe('这项奖项已被撤销，证书不再有效');
    expect(describeError(zh, new HttpRefusal(502, {}))).toMatch(/^服务器出了问题/);
  });

  it('takes the words of one place over the shared ones', () => {
    const error = new ApiError('no', 'CONFLICT', 'INVALID_TRANSITION');
    expect(describeError(zh, error, { INVALID_TRANSITION: 'disqualifyOnlyAccepted' })).toMatch(
      /^只有已通过审核的作品才能取消资格/,
    );
  });
});
