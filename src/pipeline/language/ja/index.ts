/** Japanese: kanji compounds that say nothing, and the titles of front and back matter (no analyser). */
import type { LanguageData } from '../profile.ts';

export const JAPANESE: LanguageData = {
  code: 'ja',
  name: 'Japanese',
  // Japanese has no spaces to find function words by; its particles never make a term (see cjkTermParts).
  functionWords: '',
  // Kanji compounds common in any Japanese technical text ("case", "use", "following", "necessary", …).
  stopwords:
    '場合 使用 以下 以上 必要 可能 指定 次 例 方法 意味 通常 現在 部分 全体 説明 関係 参照 利用 記述 内容 本書 場所 一般 注意 同様',
  abbreviations: '',
  matterTitles: {
    contents: [/^目次$/u],
    index: [/^索引$/u],
    bibliography: [/^参考文献$/u],
  },
  matterHeadings: [
    '目\\s*次',
    '参考文献',
    '索\\s*引',
    '謝\\s*辞',
    '概\\s*要',
    'はじめに',
    'おわりに',
    '付\\s*録',
  ],
  // "以下のとおり" (as follows), "下記の" (below), "上記の" (above), "第 1.6 節で述べたとおり" (as said in section
  // 1.6), "図 3" (figure 3), "…を参照" (see …), a sentence ending on a colon: the content is elsewhere. "10 以下の",
  // "80 文字以下" after a number (and its counter word) is a bound ("10 or less"), not a pointer; "3 章以下"
  // (chapter 3 on) is one. "次の点" (the following points) points ahead; an opening "一方，" (on the other hand),
  // "なお，" (besides), "ただし，" (however), "したがって，", "そのため，", "このため，" (so, for that reason) leans on
  // the sentence before ("また、", "さらに、", also, furthermore, do not: they open sentences that stand alone).
  pointsElsewhere:
    /(?<![\d０-９]\s?(?:(?:(?![章節項図表])\p{sc=Han}){1,2}\s?)?)以下(?:の|に|で|を|、|，)|次の(?:とおり|通り|よう|点|もの|例|項目|手順)|次に示|下記|上記|[上下]図|[上下]表|前述|後述|先述|[前次]節|[前次]章|第\s*[\d０-９.．]+\s*[章節]|述べた(?:とおり|通り|よう)|[図表]\s*[\d０-９]|を参照|[：:]\s*$|^(?:一方|なお|ただし|したがって|そのため|このため)\s*[，、,]/u,
};
