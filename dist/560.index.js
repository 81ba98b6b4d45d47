export const id = 560;
export const ids = [560];
export const modules = {

/***/ 88560:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  closeIssue: () => (/* binding */ closeIssue),
  commentOnIssue: () => (/* binding */ commentOnIssue),
  findIssueByPlanId: () => (/* reexport */ findIssueByPlanId),
  upsertReviewIssue: () => (/* binding */ upsertReviewIssue)
});

// UNUSED EXPORTS: CLOSED_ISSUE_WINDOW_DAYS, findReviewIssue, isAlreadyExists, readReviewIssue

// EXTERNAL MODULE: ./src/report/summary-tables.ts
var summary_tables = __webpack_require__(72430);
;// CONCATENATED MODULE: ./src/github/issue-text.ts
/**
 * The text encodings the review issue's renderer and parser share: how
 * record text sits in code spans and how values sit in hidden markers.
 */
/** The name our hidden HTML-comment markers start with. */
const MARKER_NAME = 'reltio-inactive-users';
/** GitHub refuses bodies over 65,536 characters; we stay well below. */
const MAX_BODY_BYTES = 60_000;
// Characters a code span cannot hold or a reader could be fooled by:
// backticks end the span, `<`/`>` could open or close an HTML comment in a
// parser that is not code-span aware, control, format (bidi, zero-width)
// and line/paragraph separators break the line or hide text. `%` is encoded
// too, so that every `%{…}` in the output came from the encoder.
const UNSAFE_IN_CODE = /[%`<>\p{Cc}\p{Cf}\p{Zl}\p{Zp}]|\p{Cs}/u;
const SAFE_IN_MARKER = /^[A-Za-z0-9._~:@+-]$/;
const ENCODED_UNIT = /%\{([0-9a-f]{1,6})\}/g;
/**
 * Encodes text for a single-backtick code span so that it round-trips
 * through {@link decodeCodeText}: unsafe characters become `%{hex}`.
 */
function encodeCodeText(text) {
    const chars = splitCodePoints(text);
    const last = chars.length - 1;
    return chars.map((char, index) => encodeCodeChar(char, index, last)).join('');
}
/** Reverses {@link encodeCodeText}; text without `%{hex}` stays as it is. */
function decodeCodeText(text) {
    return text.replace(ENCODED_UNIT, (whole, hex) => {
        const code = Number.parseInt(hex, 16);
        if (code > 0x10ffff)
            return whole;
        return code >= 0xd800 && code <= 0xdfff
            ? String.fromCharCode(code)
            : String.fromCodePoint(code);
    });
}
/** Encodes a marker value so it holds no space and cannot end the comment. */
function encodeMarkerValue(value) {
    return splitCodePoints(value)
        .map((char) => (SAFE_IN_MARKER.test(char) ? char : encodeUnit(char)))
        .join('');
}
/** Reverses {@link encodeMarkerValue}. */
function decodeMarkerValue(value) {
    return decodeCodeText(value);
}
/**
 * A code span for display text. Text whose encoding would pass `maxBytes`
 * is cut there with a visible `…`, so record text cannot crowd out a body.
 */
function codeSpan(text, maxBytes = 320) {
    const chars = splitCodePoints(text);
    const last = chars.length - 1;
    let encoded = '';
    let size = 0;
    for (const [index, char] of chars.entries()) {
        const piece = encodeCodeChar(char, index, last);
        size += byteSize(piece);
        if (size > maxBytes)
            return `\`${encoded}…\``;
        encoded += piece;
    }
    return `\`${encoded}\``;
}
/** A code span that must round-trip exactly, such as a username. */
function exactCodeSpan(text) {
    return '`' + encodeCodeText(text) + '`';
}
/** Size as GitHub could count it at worst: UTF-8 bytes ≥ characters. */
function byteSize(text) {
    return Buffer.byteLength(text, 'utf8');
}
/** The hidden marker at the top of a review issue's body. */
function bodyMarker(fields) {
    const customer = encodeMarkerValue(fields.customerId);
    const run = encodeMarkerValue(fields.runId ?? '');
    const plan = encodeMarkerValue(fields.planId);
    return `<!-- ${MARKER_NAME} customer=${customer} run=${run} plan=${plan} -->`;
}
/** The hidden marker at the top of a continuation comment. */
function continuationMarker(index, planId) {
    const plan = encodeMarkerValue(planId);
    return `<!-- ${MARKER_NAME} continuation=${index} plan=${plan} -->`;
}
/** Marks a continuation comment that a shorter list no longer needs. */
const RETIRED_MARKER = `<!-- ${MARKER_NAME} retired -->`;
// Lone surrogates are split out on their own by the `u` flag, so each
// element is one code point or one unpaired surrogate.
function splitCodePoints(text) {
    return Array.from(text);
}
function encodeCodeChar(char, index, last) {
    // CommonMark strips one space from each end of a code span, and GitHub
    // trims whitespace at the edges: encode it there.
    const atEdge = index === 0 || index === last;
    const unsafe = UNSAFE_IN_CODE.test(char) || (atEdge && /^\s$/u.test(char));
    return unsafe ? encodeUnit(char) : char;
}
function encodeUnit(char) {
    const code = char.length === 1 ? char.charCodeAt(0) : (char.codePointAt(0) ?? 0);
    return `%{${code.toString(16)}}`;
}

// EXTERNAL MODULE: ./src/report/escape.ts + 1 modules
var report_escape = __webpack_require__(42143);
// EXTERNAL MODULE: ./src/report/second-opinions.ts
var second_opinions = __webpack_require__(94098);
;// CONCATENATED MODULE: ./src/github/issue-sections.ts




/** The workflow `gh workflow run` names when the caller knows none. */
const DEFAULT_WORKFLOW_FILE = 'reltio-inactive-users.yml';
const APPROACHING_SHOWN = 10;
const RULES_SHOWN = 15;
const SAFE_WORD = /^[A-Za-z0-9._:-]+$/;
/** One task-list item: nothing before the username's code span. */
function renderCandidateLine(candidate, keep) {
    const box = keep.has(candidate.username) ? '[ ]' : '[x]';
    const email = candidate.email ? codeSpan(candidate.email) : 'no email';
    const login = candidate.lastLoginDate
        ? `last login ${formatDay(candidate.lastLoginDate)}`
        : 'no login on record';
    const details = [email, login];
    if (candidate.daysInactive !== null) {
        details.push(`${days(candidate.daysInactive)} inactive`);
    }
    const policy = candidate.pastReltioPolicy ? ' (past Reltio policy)' : '';
    const username = exactCodeSpan(candidate.username);
    return `- ${box} ${username} — ${details.join(', ')}${policy}`;
}
/** The title, plan id, counts, report link and approval steps. */
function renderIntro(plan, ctx) {
    const runLink = renderRunLink(ctx);
    const generated = `generated ${formatMinute(plan.generatedAt)}`;
    return [
        `## Inactive Reltio users: ${codeSpan(plan.customerId)}`,
        `plan-id: ${safeWord(plan.planId)}`,
        `**${count(plan.candidates.length, 'candidate')}** to deactivate: ` +
            `enabled users with no login for ${days(plan.settings.inactiveDays)} ` +
            `or more. Report: ${runLink ?? 'this run'}, ${generated}.`,
        renderCounts(plan),
        renderSecondOpinions(plan),
        renderPasswordPolicy(plan),
        renderHowToApprove(plan, ctx)
    ]
        .filter((section) => section !== '')
        .join('\n\n');
}
/** The approaching users (a short list) and the exclusions in brief. */
function renderOutro(plan) {
    return [renderApproaching(plan), renderExclusions(plan)]
        .filter((section) => section !== '')
        .join('\n\n');
}
/** The issue's title. */
function renderTitle(customerId) {
    const oneLine = customerId.replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, ' ');
    const short = oneLine.length > 200
        ? `${Array.from(oneLine).slice(0, 199).join('')}…`
        : oneLine;
    return `Inactive Reltio users: ${short}`;
}
/** A link to the report run, or null when the run is not known. */
function renderRunLink(ctx) {
    const url = (0,report_escape/* escapeUrl */.vy)(ctx.runUrl);
    const label = ctx.runId ? `run ${safeWord(ctx.runId)}` : 'the report run';
    return url ? `[${label}](${url})` : null;
}
/** A value shown as is when harmless, else in an encoded code span. */
function safeWord(value) {
    return SAFE_WORD.test(value) ? value : codeSpan(value);
}
function renderCounts(plan) {
    const { counts } = plan;
    const parts = [
        `${counts.total} in total, ${counts.enabled} enabled`,
        `${counts.approaching} approaching`,
        `${counts['never-logged-in']} never logged in`,
        `${counts.excluded} excluded`,
        `${counts.disabled} disabled`,
        `${counts.active} active`,
        `${counts.unknown} unknown`
    ];
    return `Users: ${parts.join(' · ')}.`;
}
function renderSecondOpinions(plan) {
    const checks = (0,second_opinions/* namesOfChecks */.TY)(plan.settings);
    if (checks === null) {
        return 'Second opinions: none (`activity-check` and `audit-check` are off).';
    }
    const spared = plan.users.filter(second_opinions/* isSparedByLog */.Rw).length;
    if (spared === 0) {
        return `Second opinions (${checks}) spared no candidate: none showed recent use.`;
    }
    return (`Second opinions (${checks}) spared ${count(spared, 'candidate')}: ` +
        `recent use in a log moved ${spared === 1 ? 'it' : 'them'} to active.`);
}
function renderPasswordPolicy(plan) {
    const policy = plan.passwordPolicy;
    if (policy.mode === 'off')
        return '';
    const ours = `this action: ${days(plan.settings.inactiveDays)}`;
    if (policy.inactivePeriodInDays === null) {
        const why = policy.unavailable
            ? `: ${(0,report_escape/* escapeInline */.VV)(policy.unavailable)}`
            : '';
        return `Reltio password policy \`inactivePeriodInDays\`: not known${why} (${ours}).`;
    }
    const proposed = policy.proposedInactivePeriodInDays;
    const change = proposed === null ? '' : ` An approval run sets it to ${days(proposed)}.`;
    return (`Reltio password policy \`inactivePeriodInDays\`: ` +
        `${days(policy.inactivePeriodInDays)} (${ours}).${change}`);
}
function renderHowToApprove(plan, ctx) {
    const file = workflowFileName(ctx.workflowFile);
    const workflowUrl = workflowLink(ctx, file);
    const workflow = workflowUrl ? `[${file}](${workflowUrl})` : codeSpan(file);
    const planId = safeWord(plan.planId);
    const planArg = SAFE_WORD.test(plan.planId)
        ? plan.planId
        : '<the plan-id above>';
    return [
        '### How to approve',
        '1. Untick every user to keep. Only ticked users can be deactivated, ' +
            'and nothing added to this issue can add a user.',
        `2. Open **Actions › ${workflow} › Run workflow**, set \`approve\` to ` +
            `\`true\` and \`plan-id\` to ${planId}, and run it. Or from a terminal:`,
        '```sh\n' +
            `gh workflow run ${file} -f approve=true -f plan-id=${planArg}\n` +
            '```',
        'A newer report replaces this list and its plan id; users you unticked ' +
            'stay unticked while they are still candidates.'
    ].join('\n\n');
}
function renderApproaching(plan) {
    if (plan.approaching.length === 0)
        return '';
    const shown = plan.approaching.slice(0, APPROACHING_SHOWN).map((user) => {
        const email = user.email ? `${codeSpan(user.email)}, ` : '';
        return `- ${codeSpan(user.username)} — ${email}${days(user.daysLeft)} left`;
    });
    const more = plan.approaching.length - shown.length;
    if (more > 0)
        shown.push(`- …and ${more} more in the report.`);
    return [
        `### Approaching (${plan.approaching.length})`,
        `Users who become candidates within ${days(plan.settings.warnDays)}:`,
        shown.join('\n')
    ].join('\n\n');
}
function renderExclusions(plan) {
    const byRule = new Map();
    for (const user of plan.users) {
        if (user.bucket !== 'excluded')
            continue;
        const rule = user.rule ?? 'unnamed rule';
        byRule.set(rule, (byRule.get(rule) ?? 0) + 1);
    }
    const rules = [...byRule].sort(([ruleA, a], [ruleB, b]) => b - a || (ruleA < ruleB ? -1 : 1));
    const lines = rules
        .slice(0, RULES_SHOWN)
        .map(([rule, users]) => `- ${codeSpan(rule, 200)}: ${count(users, 'user')}`);
    const more = rules.length - lines.length;
    if (more > 0)
        lines.push(`- …and ${count(more, 'other rule')} in the report.`);
    const notes = renderExclusionNotes(plan);
    if (lines.length === 0 && notes.length === 0)
        return '';
    const total = `### Excluded (${plan.counts.excluded})`;
    return [total, lines.join('\n'), ...notes]
        .filter((s) => s !== '')
        .join('\n\n');
}
function renderExclusionNotes(plan) {
    const notes = [];
    const expired = plan.expiredAllowlist.length;
    if (expired > 0) {
        notes.push(`${count(expired, 'allowlist entry', 'allowlist entries')} expired and ` +
            'no longer apply; the report lists them.');
    }
    const deletable = plan.deletionCandidates.length;
    if (deletable > 0) {
        notes.push(`${count(deletable, 'disabled user')} inactive longer than ` +
            `${days(plan.settings.inactiveDays)} could be deleted by hand in the ` +
            'Reltio Console; the report lists them.');
    }
    return notes;
}
function workflowFileName(workflowFile) {
    // A path such as `.github/workflows/x.yml` becomes `x.yml`, which is what
    // `gh workflow run` takes; anything odd falls back to the default name.
    const name = workflowFile?.split('/').pop() ?? '';
    return /^[\w.-]+\.ya?ml$/.test(name) ? name : DEFAULT_WORKFLOW_FILE;
}
function workflowLink(ctx, file) {
    if (!ctx.runUrl || !ctx.repository)
        return null;
    if (!/^[\w.-]+\/[\w.-]+$/.test(ctx.repository))
        return null;
    try {
        const origin = new URL(ctx.runUrl).origin;
        return (0,report_escape/* escapeUrl */.vy)(`${origin}/${ctx.repository}/actions/workflows/${file}`);
    }
    catch {
        return null;
    }
}
function formatDay(iso) {
    const time = Date.parse(iso);
    return Number.isNaN(time)
        ? codeSpan(iso, 40)
        : new Date(time).toISOString().slice(0, 10);
}
function formatMinute(iso) {
    const time = Date.parse(iso);
    if (Number.isNaN(time))
        return codeSpan(iso, 40);
    return `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
function days(n) {
    return count(n, 'day');
}
function count(n, one, many = `${one}s`) {
    return `${(0,summary_tables/* formatCount */.B4)(n)} ${n === 1 ? one : many}`;
}

;// CONCATENATED MODULE: ./src/github/issue-body.ts
/**
 * Renders the review issue: title, body and, when the candidate list is too
 * long for one body, the continuation comments that carry the rest.
 */




// Room kept for the largest note and continuation heading a list can need,
// so the parts can be cut before their final wording is known.
const SEPARATOR_BYTES = 16;
const NOTE_RESERVE = byteSize(continuationNote(999_999)) + SEPARATOR_BYTES;
/**
 * Renders the review issue for a plan. Users in `ctx.keep` are unticked.
 *
 * @throws Error when one candidate's line alone exceeds a comment's limit,
 *   rather than cutting the list short.
 */
function renderReviewIssue(plan, ctx) {
    const runId = ctx.runId ?? plan.runId;
    const marker = bodyMarker({
        customerId: plan.customerId,
        runId,
        planId: plan.planId
    });
    const intro = `${marker}\n${renderIntro(plan, { ...ctx, runId })}`;
    const outro = renderOutro(plan);
    const heading = `### Candidates (${(0,summary_tables/* formatCount */.B4)(plan.candidates.length)})`;
    const lines = plan.candidates.map((c) => renderCandidateLine(c, ctx.keep));
    if (lines.length === 0)
        lines.push('No candidates.');
    const fixed = byteSize(intro) + byteSize(heading) + byteSize(outro);
    const bodyBudget = MAX_BODY_BYTES - fixed - SEPARATOR_BYTES;
    const parts = sizeOfLines(lines) <= bodyBudget
        ? [lines]
        : splitLines(lines, bodyBudget - NOTE_RESERVE, commentBudget(plan.planId));
    const [first = [], ...rest] = parts;
    const note = rest.length > 0 ? continuationNote(rest.length) : '';
    const body = [intro, heading, first.join('\n'), note, outro]
        .filter((section) => section !== '')
        .join('\n\n');
    const continuations = rest.map((chunk, index) => renderContinuation(plan.planId, index + 1, parts.length, chunk));
    return {
        title: renderTitle(plan.customerId),
        body: `${body}\n`,
        continuations
    };
}
/** The comment left on the open issue when no inactive users remain. */
function renderNoCandidatesComment(plan, ctx) {
    const run = renderRunLink({
        runUrl: ctx.runUrl,
        runId: ctx.runId ?? plan.runId
    });
    return (`No inactive users remain for ${codeSpan(plan.customerId)}: ` +
        `the report of ${run ?? 'the latest run'} (plan-id: ${safeWord(plan.planId)}) ` +
        'found no candidates, so this issue is closed. A later report opens a new ' +
        'one when users become inactive again.');
}
/**
 * Splits a long comment into parts under GitHub's limit, at line breaks
 * where it can; every part after the first says it continues.
 */
function splitComment(text, maxBytes = MAX_BODY_BYTES) {
    if (byteSize(text) <= maxBytes)
        return [text];
    const prefix = '_(continued)_\n\n';
    const budget = maxBytes - byteSize(prefix) - SEPARATOR_BYTES;
    const lines = text.split('\n').flatMap((line) => hardWrap(line, budget));
    return splitLines(lines, budget, budget).map((chunk, index) => index === 0 ? chunk.join('\n') : prefix + chunk.join('\n'));
}
function renderContinuation(planId, index, partCount, lines) {
    const heading = continuationHeading(index + 1, partCount);
    return `${continuationMarker(index, planId)}\n${heading}\n\n${lines.join('\n')}\n`;
}
function continuationHeading(part, partCount) {
    return `### Candidates, continued (part ${part} of ${partCount})`;
}
function continuationNote(commentCount) {
    const comments = commentCount === 1 ? 'comment' : 'comments';
    return `**The list is continued in ${commentCount} ${comments} below.** Untick users there the same way.`;
}
function commentBudget(planId) {
    const overhead = byteSize(continuationMarker(999_999, planId)) +
        byteSize(continuationHeading(999_999, 999_999));
    return MAX_BODY_BYTES - overhead - SEPARATOR_BYTES;
}
/** Packs lines greedily: the first part gets `firstBudget`, later ones `restBudget`. */
function splitLines(lines, firstBudget, restBudget) {
    const parts = [[]];
    let used = 0;
    let budget = firstBudget;
    for (const line of lines) {
        const size = byteSize(line) + 1;
        if (size > restBudget) {
            throw new Error(`A line of ${size} bytes cannot fit in one GitHub comment (at most ${restBudget}); it starts ${JSON.stringify(line.slice(0, 40))}.`);
        }
        if (used + size > budget) {
            parts.push([]);
            used = 0;
            budget = restBudget;
        }
        parts[parts.length - 1]?.push(line);
        used += size;
    }
    return parts;
}
function sizeOfLines(lines) {
    return lines.reduce((total, line) => total + byteSize(line) + 1, 0);
}
/** Cuts a line longer than `budget` bytes into pieces, by code point. */
function hardWrap(line, budget) {
    if (byteSize(line) <= budget)
        return [line];
    const pieces = [];
    let piece = '';
    let size = 0;
    for (const char of line) {
        const charSize = byteSize(char);
        if (size + charSize > budget) {
            pieces.push(piece);
            piece = '';
            size = 0;
        }
        piece += char;
        size += charSize;
    }
    pieces.push(piece);
    return pieces;
}
/** The body a continuation comment gets when a shorter list frees it. */
function renderRetiredComment() {
    return (`${RETIRED_MARKER}\n` +
        '_This comment continued an earlier, longer list of candidates and is ' +
        'no longer used._\n');
}

;// CONCATENATED MODULE: ./src/github/markdown-scan.ts
/**
 * A small, conservative reader of GitHub-flavoured Markdown: it keeps the
 * lines a reader sees as text and collects HTML comments, and drops fenced
 * code and raw HTML blocks. When in doubt it drops, because a dropped task
 * item can only keep a user, never add one.
 */
// `[\s\S]` rather than `.`: a line may hold U+2028, which `.` stops at.
const FENCE_OPEN = /^[ \t]*(`{3,}|~{3,})([\s\S]*)$/;
const FENCE_CLOSE = /^[ \t]*(`{3,}|~{3,})[ \t]*$/;
const COMMENT_BLOCK = /^ {0,3}<!--/;
// The CommonMark HTML block kinds 1 and 3–7 (kind 2, the comment, is
// handled apart so its text can be read). `end: null` means the block runs
// to the next blank line. Kind 7 may not interrupt a paragraph in
// CommonMark; treating it as a block anyway only drops more.
const BLOCK_TAGS = 'address|article|aside|base|basefont|blockquote|body|caption|center|col|' +
    'colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|' +
    'footer|form|frame|frameset|h1|h2|h3|h4|h5|h6|head|header|hr|html|iframe|' +
    'legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|' +
    'param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|' +
    'track|ul';
const HTML_BLOCKS = [
    {
        start: /^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i,
        end: /<\/(?:script|pre|style|textarea)>/i
    },
    { start: /^ {0,3}<\?/, end: /\?>/ },
    { start: /^ {0,3}<!\[CDATA\[/, end: /\]\]>/ },
    { start: /^ {0,3}<![A-Za-z]/, end: />/ },
    {
        start: new RegExp(`^ {0,3}</?(?:${BLOCK_TAGS})(?:\\s|/?>|$)`, 'i'),
        end: null
    },
    {
        start: /^ {0,3}(?:<[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>|<\/[A-Za-z][A-Za-z0-9-]*\s*>)\s*$/,
        end: null
    }
];
/** Splits a document into visible text lines and HTML comment texts. */
function scanMarkdown(text) {
    const scanned = { lines: [], comments: [] };
    let state = { kind: 'text' };
    for (const line of text.split(/\r\n|\r|\n/)) {
        state = scanLine(state, line, scanned);
    }
    return scanned;
}
function scanLine(state, line, scanned) {
    switch (state.kind) {
        case 'fence':
            return isFenceClose(line, state) ? { kind: 'text' } : state;
        case 'html':
            return endsHtmlBlock(line, state.end) ? { kind: 'text' } : state;
        case 'comment':
            return continueComment(state, line, scanned);
        case 'text':
            return scanTextLine(line, scanned);
    }
}
function scanTextLine(line, scanned) {
    const fence = fenceOpen(line);
    if (fence)
        return fence;
    // A line that starts a comment block is HTML to its end, text included.
    if (COMMENT_BLOCK.test(line))
        return readComments(line, scanned, false);
    const block = HTML_BLOCKS.find((candidate) => candidate.start.test(line));
    if (block) {
        const closed = block.end !== null && block.end.test(line);
        return closed ? { kind: 'text' } : { kind: 'html', end: block.end };
    }
    return readComments(line, scanned, true);
}
function continueComment(state, line, scanned) {
    const end = line.indexOf('-->');
    if (end === -1) {
        state.parts.push(line);
        return state;
    }
    scanned.comments.push([...state.parts, line.slice(0, end)].join('\n'));
    // What follows the end of a comment on its last line is dropped: in a
    // block it is HTML, and in a paragraph it cannot start a list item.
    return readComments(line.slice(end + 3), scanned, false);
}
/**
 * Collects the complete comments in a line, keeps the text around them when
 * `keepText`, and opens a comment state when one is left unclosed.
 */
function readComments(line, scanned, keepText) {
    let visible = '';
    let position = 0;
    for (;;) {
        const start = keepText
            ? commentStartOutsideCode(line, position)
            : line.indexOf('<!--', position);
        if (start === -1)
            break;
        visible += line.slice(position, start);
        const end = line.indexOf('-->', start + 4);
        if (end === -1) {
            if (keepText)
                scanned.lines.push(visible);
            return { kind: 'comment', parts: [line.slice(start + 4)] };
        }
        scanned.comments.push(line.slice(start + 4, end));
        position = end + 3;
    }
    if (keepText)
        scanned.lines.push(visible + line.slice(position));
    return { kind: 'text' };
}
/**
 * Finds the next `<!--` of a text line that is not inside a code span. A
 * code span and a comment weigh the same in CommonMark, so whichever opens
 * first wins; a backtick run with no closing run on the line is literal.
 */
function commentStartOutsideCode(line, from) {
    let position = from;
    for (;;) {
        const comment = line.indexOf('<!--', position);
        const tick = line.indexOf('`', position);
        if (comment === -1 || tick === -1 || comment < tick)
            return comment;
        let afterOpening = tick;
        while (line.charAt(afterOpening) === '`')
            afterOpening += 1;
        const length = afterOpening - tick;
        const closing = findClosingRun(line, afterOpening, length);
        position = closing === -1 ? afterOpening : closing + length;
    }
}
/** Finds the backtick run of exactly `length` that closes a code span. */
function findClosingRun(line, from, length) {
    let position = from;
    for (;;) {
        const next = line.indexOf('`', position);
        if (next === -1)
            return -1;
        let after = next;
        while (line.charAt(after) === '`')
            after += 1;
        if (after - next === length)
            return next;
        position = after;
    }
}
function fenceOpen(line) {
    const match = FENCE_OPEN.exec(line);
    const run = match?.[1];
    if (!match || !run)
        return null;
    // A backtick fence's info string may not hold backticks (CommonMark 4.5).
    if (run.startsWith('`') && (match[2] ?? '').includes('`'))
        return null;
    return { kind: 'fence', char: run.charAt(0), length: run.length };
}
function isFenceClose(line, fence) {
    const run = FENCE_CLOSE.exec(line)?.[1];
    return (run !== undefined &&
        run.startsWith(fence.char) &&
        run.length >= fence.length);
}
function endsHtmlBlock(line, end) {
    return end === null ? line.trim() === '' : end.test(line);
}

;// CONCATENATED MODULE: ./src/github/issue-parse.ts


const BODY_MARKER = new RegExp(`^\\s*${MARKER_NAME}\\s+customer=(\\S*)\\s+run=(\\S*)\\s+plan=(\\S+)\\s*$`);
const CONTINUATION_MARKER = new RegExp(`^\\s*${MARKER_NAME}\\s+continuation=(\\d{1,6})\\s+plan=(\\S+)\\s*$`);
const RETIRED = new RegExp(`^\\s*${MARKER_NAME}\\s+retired\\s*$`);
// A GFM task-list item: a list marker, 1–4 spaces (more would make an
// indented code block), `[ ]`/`[x]`/`[X]`, whitespace, then the opening
// backtick run of the code span that must follow.
const TASK_ITEM = /^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]{1,4}\[([ xX])\][ \t]+(`+)/;
/**
 * Reads the marker and task items of a review issue's body and of those
 * comments that carry our continuation marker for the body's plan.
 * Never throws; text it cannot read yields no items.
 */
function parseReviewIssue(body, comments) {
    const scanned = scanMarkdown(asText(body));
    const marker = firstMatch(scanned.comments, readBodyMarker);
    const items = scanned.lines.flatMap(readTaskItem);
    if (!marker)
        return { marker, items };
    const continuations = comments
        .map((comment) => scanMarkdown(asText(comment)))
        .map((parsed) => ({ own: readOwnMarker(parsed.comments), parsed }))
        .flatMap(({ own, parsed }) => own?.kind === 'continuation' && own.planId === marker.planId
        ? [{ index: own.index, lines: parsed.lines }]
        : [])
        .sort((a, b) => a.index - b.index);
    for (const continuation of continuations) {
        items.push(...continuation.lines.flatMap(readTaskItem));
    }
    return { marker, items };
}
/** Reads the task items of one Markdown text, whatever its marker. */
function parseTaskItems(text) {
    return scanMarkdown(asText(text)).lines.flatMap(readTaskItem);
}
/** Reads only the hidden marker of a review issue's body. */
function parseReviewMarker(body) {
    return firstMatch(scanMarkdown(asText(body)).comments, readBodyMarker);
}
/** Tells whether a comment is one of our continuations (or retired ones). */
function parseOwnComment(body) {
    return readOwnMarker(scanMarkdown(asText(body)).comments);
}
function readOwnMarker(comments) {
    return firstMatch(comments, (comment) => {
        if (RETIRED.test(comment))
            return { kind: 'retired' };
        const match = CONTINUATION_MARKER.exec(comment);
        if (!match?.[1] || !match[2])
            return null;
        const planId = decodeMarkerValue(match[2]);
        return { kind: 'continuation', index: Number(match[1]), planId };
    });
}
function readBodyMarker(comment) {
    const match = BODY_MARKER.exec(comment);
    if (!match || match[1] === undefined || !match[3])
        return null;
    const runId = match[2] ? decodeMarkerValue(match[2]) : null;
    return {
        customerId: decodeMarkerValue(match[1]),
        runId,
        planId: decodeMarkerValue(match[3])
    };
}
function readTaskItem(line) {
    const match = TASK_ITEM.exec(line);
    const opening = match?.[2];
    if (!match || !opening)
        return [];
    const start = match[0].length;
    const end = findClosingRun(line, start, opening.length);
    if (end === -1)
        return [];
    const username = decodeCodeText(stripCodeSpanPadding(line.slice(start, end)));
    if (username === '')
        return [];
    return [{ username, ticked: match[1] !== ' ' }];
}
// CommonMark strips one space from each side of a code span's content when
// both sides have one and the content is not all spaces.
function stripCodeSpanPadding(content) {
    const padded = content.length >= 2 &&
        content.startsWith(' ') &&
        content.endsWith(' ') &&
        content.trim() !== '';
    return padded ? content.slice(1, -1) : content;
}
function firstMatch(values, read) {
    for (const value of values) {
        const result = read(value);
        if (result !== null)
            return result;
    }
    return null;
}
function asText(value) {
    return typeof value === 'string' ? value : '';
}

// EXTERNAL MODULE: ./src/github/issues-api.ts
var issues_api = __webpack_require__(35282);
;// CONCATENATED MODULE: ./src/github/issue-find.ts
/**
 * Finds review issues by their first label and the hidden marker in their
 * body, never by search, and reads them afresh with their task items.
 */


/** How far back an approval looks for a review issue already closed. */
const CLOSED_ISSUE_WINDOW_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Finds the open review issue of a customer; the newest when several. */
async function findReviewIssue(api, opts) {
    const open = await listReviewIssues(api, opts.labels, { state: 'open' });
    const mine = newestFirst(open.filter((issue) => issue.marker.customerId === opts.customerId));
    const [newest, ...others] = mine;
    if (newest && others.length > 0) {
        const numbers = mine.map((issue) => `#${issue.number}`).join(', ');
        opts.log?.warning(`Found ${mine.length} open review issues for customer ${opts.customerId} (${numbers}); using the newest, #${newest.number}. Close the others.`);
    }
    return newest ?? null;
}
/**
 * Finds the open or recently closed review issue whose marker names
 * `planId`, read afresh with its items, and the customer's current open one.
 * The customer is `customerId`, else the found issue's, else the only
 * customer with an open review issue.
 */
async function findIssueByPlanId(api, opts) {
    const open = await listReviewIssues(api, opts.labels, { state: 'open' });
    const isPlan = (issue) => issue.marker.planId === opts.planId;
    const match = newestFirst(open.filter(isPlan))[0] ??
        (await findClosedPlanIssue(api, opts, isPlan));
    const customerId = opts.customerId ?? match?.marker.customerId ?? soleCustomer(open);
    const current = newestFirst(open.filter((i) => i.marker.customerId === customerId))[0] ??
        null;
    const lookup = {
        current,
        currentPlanId: current?.marker.planId ?? null,
        currentIssueNumber: current?.number ?? null
    };
    if (!match)
        return { issue: null, ...lookup };
    // Re-read: the listing may be seconds old and ticks are last-write-wins.
    const fresh = await readReviewIssue(api, match.number);
    const issue = toReviewIssue(fresh.issue, fresh.parsed.marker);
    if (!issue || !isPlan(issue))
        return { issue: null, ...lookup };
    const items = fresh.parsed.items;
    return { issue: { ...issue, runId: issue.marker.runId, items }, ...lookup };
}
/** Reads an issue and its comments, and parses them as a review issue. */
async function readReviewIssue(api, issueNumber) {
    const issue = await api.get(issueNumber);
    const comments = await (0,issues_api/* readAllPages */.s$)((page, perPage) => api.listComments({ issueNumber, page, perPage }));
    // Only the account that wrote the issue writes continuations; a comment
    // by anyone else that copies our marker is ignored.
    const ownComments = comments.filter((comment) => (issue.author === null || comment.author === issue.author) &&
        parseOwnComment(comment.body ?? '') !== null);
    const parsed = parseReviewIssue(issue.body ?? '', ownComments.map((comment) => comment.body ?? ''));
    return { issue, ownComments, parsed };
}
async function findClosedPlanIssue(api, opts, isPlan) {
    const days = opts.closedWithinDays ?? CLOSED_ISSUE_WINDOW_DAYS;
    const now = opts.now ?? new Date();
    const since = new Date(now.getTime() - days * DAY_MS).toISOString();
    const closed = await listReviewIssues(api, opts.labels, {
        state: 'closed',
        since,
        sort: 'updated',
        direction: 'desc'
    });
    const cutoff = Date.parse(since);
    const recent = closed.filter((issue) => isPlan(issue) &&
        (issue.closedAt === null || Date.parse(issue.closedAt) >= cutoff));
    return newestFirst(recent)[0] ?? null;
}
async function listReviewIssues(api, labels, query) {
    const label = labels[0];
    const issues = await (0,issues_api/* readAllPages */.s$)((page, perPage) => api.listForRepo({
        ...query,
        ...(label ? { labels: label } : {}),
        page,
        perPage
    }));
    return issues.flatMap((issue) => {
        if (issue.isPullRequest)
            return [];
        const reviewIssue = toReviewIssue(issue, parseReviewMarker(issue.body ?? ''));
        return reviewIssue ? [reviewIssue] : [];
    });
}
function toReviewIssue(issue, marker) {
    if (!marker)
        return null;
    return {
        number: issue.number,
        url: issue.htmlUrl,
        state: issue.state,
        title: issue.title,
        body: issue.body ?? '',
        marker,
        createdAt: issue.createdAt,
        closedAt: issue.closedAt,
        labels: issue.labels,
        author: issue.author
    };
}
function newestFirst(issues) {
    return [...issues].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.number - a.number);
}
/** The one customer all open review issues belong to, if there is one. */
function soleCustomer(open) {
    const customers = new Set(open.map((issue) => issue.marker.customerId));
    return customers.size === 1 ? ([...customers][0] ?? null) : null;
}

;// CONCATENATED MODULE: ./src/github/issue.ts




const LABEL_COLOR = 'fbca04';
const LABEL_DESCRIPTION = 'Review of inactive Reltio users to deactivate';
/**
 * Creates or updates the customer's review issue for a plan, keeping the
 * unticks of users still listed; with no candidates, closes it instead.
 *
 * @returns null when there are no candidates and no open issue.
 */
async function upsertReviewIssue(api, plan, ctx) {
    const found = await findReviewIssue(api, {
        labels: ctx.labels,
        customerId: plan.customerId,
        ...(ctx.log ? { log: ctx.log } : {})
    });
    if (plan.candidates.length === 0) {
        return found ? closeResolvedIssue(api, found, plan, ctx) : null;
    }
    return found
        ? updateReviewIssue(api, found.number, plan, ctx)
        : createReviewIssue(api, plan, ctx);
}
/** Comments on an issue, in several comments when the text is too long. */
async function commentOnIssue(api, issueNumber, body) {
    const created = [];
    for (const part of splitComment(body)) {
        created.push(await api.createComment({ issueNumber, body: part }));
    }
    return created;
}
/** Closes an issue with a reason GitHub shows beside it. */
async function closeIssue(api, issueNumber, reason) {
    await api.update({ issueNumber, state: 'closed', stateReason: reason });
}
/** Tells whether an API error says the thing to create exists already. */
function isAlreadyExists(error) {
    if (typeof error !== 'object' || error === null)
        return false;
    const { status, response } = error;
    const errors = response?.data?.errors;
    return (status === 422 &&
        Array.isArray(errors) &&
        errors.some((entry) => hasCode(entry, 'already_exists')));
}
function hasCode(entry, code) {
    return (typeof entry === 'object' &&
        entry !== null &&
        entry.code === code);
}
async function createReviewIssue(api, plan, ctx) {
    await ensureLabels(api, ctx.labels);
    const rendered = renderReviewIssue(plan, { ...ctx, keep: new Set() });
    const issue = await api.create({
        title: rendered.title,
        body: rendered.body,
        labels: [...ctx.labels]
    });
    for (const body of rendered.continuations) {
        await api.createComment({ issueNumber: issue.number, body });
    }
    ctx.log?.info?.(`Opened review issue #${issue.number}: ${issue.htmlUrl}`);
    return {
        number: issue.number,
        url: issue.htmlUrl,
        created: true,
        closed: false
    };
}
async function updateReviewIssue(api, issueNumber, plan, ctx) {
    // Read again right before writing: a reviewer may have unticked users
    // since the listing, and a PATCH would silently undo that.
    const current = await readReviewIssue(api, issueNumber);
    if (current.issue.state === 'closed')
        return createReviewIssue(api, plan, ctx);
    const keep = keptCandidates(current, plan);
    const rendered = renderReviewIssue(plan, { ...ctx, keep });
    const { issue } = current;
    if (!sameText(issue.body, rendered.body) || issue.title !== rendered.title) {
        await api.update({
            issueNumber,
            title: rendered.title,
            body: rendered.body
        });
    }
    await syncContinuations(api, issueNumber, current.ownComments, rendered.continuations);
    await ensureIssueLabels(api, issue, ctx.labels);
    ctx.log?.info?.(`Updated review issue #${issueNumber} (${keep.size} kept by reviewers): ${issue.htmlUrl}`);
    return {
        number: issueNumber,
        url: issue.htmlUrl,
        created: false,
        closed: false
    };
}
async function closeResolvedIssue(api, found, plan, ctx) {
    await commentOnIssue(api, found.number, renderNoCandidatesComment(plan, ctx));
    await closeIssue(api, found.number, 'completed');
    ctx.log?.info?.(`No inactive users remain; closed review issue #${found.number}.`);
    return { number: found.number, url: found.url, created: false, closed: true };
}
/** Reuses our continuation comments in order, then retires the rest. */
async function syncContinuations(api, issueNumber, own, wanted) {
    for (const [index, body] of wanted.entries()) {
        const existing = own[index];
        if (!existing) {
            await api.createComment({ issueNumber, body });
        }
        else if (!sameText(existing.body, body)) {
            await api.updateComment({ commentId: existing.id, body });
        }
    }
    const retired = renderRetiredComment();
    for (const comment of own.slice(wanted.length)) {
        if (sameText(comment.body, retired))
            continue;
        await api.updateComment({ commentId: comment.id, body: retired });
    }
}
// GitHub stores a body edited in its web editor (a ticked box) with CRLF
// line ends; that alone is no reason to write it again.
function sameText(stored, wanted) {
    return (stored ?? '').replace(/\r\n/g, '\n').trimEnd() === wanted.trimEnd();
}
/**
 * The users reviewers unticked who are still candidates. Unticks count from
 * the body and from every continuation of ours, whatever plan it was
 * written for: a run stopped between writing the body and the comments
 * must not lose them, and keeping a user too many is the safe side.
 */
function keptCandidates(current, plan) {
    const candidates = new Set(plan.candidates.map((c) => c.username));
    const items = [
        ...current.parsed.items,
        ...current.ownComments.flatMap((c) => parseTaskItems(c.body ?? ''))
    ];
    return new Set(items
        .filter((item) => !item.ticked && candidates.has(item.username))
        .map((item) => item.username));
}
async function ensureIssueLabels(api, issue, labels) {
    const missing = labels.filter((label) => !issue.labels.includes(label));
    if (missing.length === 0)
        return;
    await ensureLabels(api, missing);
    await api.addLabels({ issueNumber: issue.number, labels: missing });
}
async function ensureLabels(api, labels) {
    for (const name of labels) {
        if (await api.getLabel(name))
            continue;
        try {
            await api.createLabel({
                name,
                color: LABEL_COLOR,
                description: LABEL_DESCRIPTION
            });
        }
        catch (error) {
            // Another run may have created it between our read and write.
            if (!isAlreadyExists(error))
                throw error;
        }
    }
}


/***/ }),

/***/ 35282:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P6: () => (/* binding */ serializeMutations),
/* harmony export */   s$: () => (/* binding */ readAllPages)
/* harmony export */ });
/* unused harmony export DEFAULT_MUTATION_PAUSE_MS */
/**
 * The narrow slice of the GitHub issues API the review issue needs, in
 * plain records, so tests can hand-write a fake and Octokit stays at the edge.
 */
/** GitHub's advice against secondary rate limits: about a second apart. */
const DEFAULT_MUTATION_PAUSE_MS = 1000;
/**
 * Wraps an API so writes run one at a time with a pause between them, as
 * GitHub asks of content-creating requests; reads pass straight through.
 */
function serializeMutations(api, opts = {}) {
    const pauseMs = opts.pauseMs ?? DEFAULT_MUTATION_PAUSE_MS;
    const sleep = opts.sleep ?? defaultSleep;
    let queue = Promise.resolve();
    let hasWritten = false;
    const enqueue = (write) => {
        const result = queue.then(async () => {
            if (hasWritten && pauseMs > 0)
                await sleep(pauseMs);
            hasWritten = true;
            return write();
        });
        // A failed write must not block the ones queued behind it.
        queue = result.catch(() => undefined);
        return result;
    };
    return {
        listForRepo: (params) => api.listForRepo(params),
        get: (issueNumber) => api.get(issueNumber),
        listComments: (params) => api.listComments(params),
        getLabel: (name) => api.getLabel(name),
        create: (params) => enqueue(() => api.create(params)),
        update: (params) => enqueue(() => api.update(params)),
        createComment: (params) => enqueue(() => api.createComment(params)),
        updateComment: (params) => enqueue(() => api.updateComment(params)),
        addLabels: (params) => enqueue(() => api.addLabels(params)),
        createLabel: (params) => enqueue(() => api.createLabel(params))
    };
}
/** Reads every page of a listing, one after another, until a short page. */
async function readAllPages(readPage, perPage = 100) {
    const all = [];
    for (let page = 1;; page += 1) {
        const items = await readPage(page, perPage);
        all.push(...items);
        if (items.length < perPage)
            return all;
    }
}
function defaultSleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}


/***/ })

};

//# sourceMappingURL=560.index.js.map