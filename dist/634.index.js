export const id = 634;
export const ids = [634];
export const modules = {

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


/***/ }),

/***/ 79634:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createOctokit: () => (/* binding */ createOctokit),
  issuesApiFrom: () => (/* binding */ issuesApiFrom)
});

// UNUSED EXPORTS: GitHubRateLimitError

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js
var github = __webpack_require__(61351);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(49735);
// EXTERNAL MODULE: ./node_modules/bottleneck/light.js
var light = __webpack_require__(63251);
;// CONCATENATED MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
// pkg/dist-src/index.js


// pkg/dist-src/version.js
var VERSION = "0.0.0-development";

// pkg/dist-src/wrap-request.js
var noop = () => Promise.resolve();
function wrapRequest(state, request, options) {
  return state.retryLimiter.schedule(doRequest, state, request, options);
}
async function doRequest(state, request, options) {
  const { pathname } = new URL(options.url, "http://github.test");
  const isAuth = isAuthRequest(options.method, pathname);
  const isWrite = !isAuth && options.method !== "GET" && options.method !== "HEAD";
  const isSearch = options.method === "GET" && pathname.startsWith("/search/");
  const isGraphQL = pathname.startsWith("/graphql");
  const retryCount = ~~request.retryCount;
  const jobOptions = retryCount > 0 ? { priority: 0, weight: 0 } : {};
  if (state.clustering) {
    jobOptions.expiration = 1e3 * 60;
  }
  if (isWrite || isGraphQL) {
    await state.write.key(state.id).schedule(jobOptions, noop);
  }
  if (isWrite && state.triggersNotification(pathname)) {
    await state.notifications.key(state.id).schedule(jobOptions, noop);
  }
  if (isSearch) {
    await state.search.key(state.id).schedule(jobOptions, noop);
  }
  const req = (isAuth ? state.auth : state.global).key(state.id).schedule(jobOptions, request, options);
  if (isGraphQL) {
    const res = await req;
    if (res.data.errors != null && res.data.errors.some((error) => error.type === "RATE_LIMITED")) {
      const error = Object.assign(new Error("GraphQL Rate Limit Exceeded"), {
        response: res,
        data: res.data
      });
      throw error;
    }
  }
  return req;
}
function isAuthRequest(method, pathname) {
  return method === "PATCH" && // https://docs.github.com/en/rest/apps/apps?apiVersion=2022-11-28#create-a-scoped-access-token
  /^\/applications\/[^/]+\/token\/scoped$/.test(pathname) || method === "POST" && // https://docs.github.com/en/rest/apps/oauth-applications?apiVersion=2022-11-28#reset-a-token
  (/^\/applications\/[^/]+\/token$/.test(pathname) || // https://docs.github.com/en/rest/apps/apps?apiVersion=2022-11-28#create-an-installation-access-token-for-an-app
  /^\/app\/installations\/[^/]+\/access_tokens$/.test(pathname) || // https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps
  pathname === "/login/oauth/access_token");
}

// pkg/dist-src/generated/triggers-notification-paths.js
var triggers_notification_paths_default = [
  "/orgs/{org}/invitations",
  "/orgs/{org}/invitations/{invitation_id}",
  "/orgs/{org}/teams/{team_slug}/discussions",
  "/orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments",
  "/repos/{owner}/{repo}/collaborators/{username}",
  "/repos/{owner}/{repo}/commits/{commit_sha}/comments",
  "/repos/{owner}/{repo}/issues",
  "/repos/{owner}/{repo}/issues/{issue_number}/comments",
  "/repos/{owner}/{repo}/issues/{issue_number}/sub_issue",
  "/repos/{owner}/{repo}/issues/{issue_number}/sub_issues/priority",
  "/repos/{owner}/{repo}/pulls",
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments",
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies",
  "/repos/{owner}/{repo}/pulls/{pull_number}/merge",
  "/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers",
  "/repos/{owner}/{repo}/pulls/{pull_number}/reviews",
  "/repos/{owner}/{repo}/releases",
  "/teams/{team_id}/discussions",
  "/teams/{team_id}/discussions/{discussion_number}/comments"
];

// pkg/dist-src/route-matcher.js
function routeMatcher(paths) {
  const regexes = paths.map(
    (path) => path.split("/").map((c) => c.startsWith("{") ? "(?:.+?)" : c).join("/")
  );
  const regex2 = `^(?:${regexes.map((r) => `(?:${r})`).join("|")})[^/]*$`;
  return new RegExp(regex2, "i");
}

// pkg/dist-src/index.js
var regex = routeMatcher(triggers_notification_paths_default);
var triggersNotification = regex.test.bind(regex);
var groups = {};
var createGroups = function(Bottleneck, common) {
  groups.global = new Bottleneck.Group({
    id: "octokit-global",
    maxConcurrent: 10,
    ...common
  });
  groups.auth = new Bottleneck.Group({
    id: "octokit-auth",
    maxConcurrent: 1,
    ...common
  });
  groups.search = new Bottleneck.Group({
    id: "octokit-search",
    maxConcurrent: 1,
    minTime: 2e3,
    ...common
  });
  groups.write = new Bottleneck.Group({
    id: "octokit-write",
    maxConcurrent: 1,
    minTime: 1e3,
    ...common
  });
  groups.notifications = new Bottleneck.Group({
    id: "octokit-notifications",
    maxConcurrent: 1,
    minTime: 3e3,
    ...common
  });
};
function throttling(octokit, octokitOptions) {
  const {
    enabled = true,
    Bottleneck = light,
    id = "no-id",
    timeout = 1e3 * 60 * 2,
    // Redis TTL: 2 minutes
    connection
  } = octokitOptions.throttle || {};
  if (!enabled) {
    return {};
  }
  const common = { timeout };
  if (typeof connection !== "undefined") {
    common.connection = connection;
  }
  const state = Object.assign(
    {
      clustering: connection != null,
      triggersNotification,
      fallbackSecondaryRateRetryAfter: 60,
      retryAfterBaseValue: 1e3,
      id
    },
    octokitOptions.throttle
  );
  if (typeof state.onSecondaryRateLimit !== "function" || typeof state.onRateLimit !== "function") {
    throw new Error(`octokit/plugin-throttling error:
        You must pass the onSecondaryRateLimit and onRateLimit error handlers.
        See https://octokit.github.io/rest.js/#throttling

        const octokit = new Octokit({
          throttle: {
            onSecondaryRateLimit: (retryAfter, options) => {/* ... */},
            onRateLimit: (retryAfter, options) => {/* ... */}
          }
        })
    `);
  }
  let initialized = false;
  const initializeBottleneck = () => {
    if (initialized) {
      return;
    }
    initialized = true;
    if (groups.global == null) {
      createGroups(Bottleneck, common);
    }
    state.global = state.global ?? groups.global;
    state.auth = state.auth ?? groups.auth;
    state.search = state.search ?? groups.search;
    state.write = state.write ?? groups.write;
    state.notifications = state.notifications ?? groups.notifications;
    state.retryLimiter = state.retryLimiter ?? new Bottleneck();
    const events = {};
    const emitter = new Bottleneck.Events(events);
    events.on("secondary-limit", state.onSecondaryRateLimit);
    events.on("rate-limit", state.onRateLimit);
    events.on(
      "error",
      (e) => octokit.log.warn("Error in throttling-plugin limit handler", e)
    );
    state.retryLimiter.on("failed", async function(error, info) {
      const [state2, request, options] = info.args;
      const { pathname } = new URL(options.url, "http://github.test");
      const shouldRetryGraphQL = pathname.startsWith("/graphql") && error.status !== 401;
      if (!(shouldRetryGraphQL || error.status === 403 || error.status === 429)) {
        return;
      }
      const retryCount = ~~request.retryCount;
      request.retryCount = retryCount;
      options.request.retryCount = retryCount;
      const { wantRetry, retryAfter = 0 } = await (async function() {
        if (/\bsecondary rate\b/i.test(error.message)) {
          const retryAfter2 = Number(error.response.headers["retry-after"]) || state2.fallbackSecondaryRateRetryAfter;
          const wantRetry2 = await emitter.trigger(
            "secondary-limit",
            retryAfter2,
            options,
            octokit,
            retryCount
          );
          return { wantRetry: wantRetry2, retryAfter: retryAfter2 };
        }
        if (error.response.headers != null && error.response.headers["x-ratelimit-remaining"] === "0" || (error.response.data?.errors ?? []).some(
          (error2) => error2.type === "RATE_LIMITED"
        )) {
          const rateLimitReset = new Date(
            ~~error.response.headers["x-ratelimit-reset"] * 1e3
          ).getTime();
          const retryAfter2 = Math.max(
            // Add one second so we retry _after_ the reset time
            // https://docs.github.com/en/rest/overview/resources-in-the-rest-api?apiVersion=2022-11-28#exceeding-the-rate-limit
            Math.ceil((rateLimitReset - Date.now()) / 1e3) + 1,
            0
          );
          const wantRetry2 = await emitter.trigger(
            "rate-limit",
            retryAfter2,
            options,
            octokit,
            retryCount
          );
          return { wantRetry: wantRetry2, retryAfter: retryAfter2 };
        }
        return {};
      })();
      if (wantRetry) {
        request.retryCount++;
        return retryAfter * state2.retryAfterBaseValue;
      }
    });
  };
  octokit.hook.wrap("request", (request, options) => {
    initializeBottleneck();
    return wrapRequest(state, request, options);
  });
  return {};
}
throttling.VERSION = VERSION;
throttling.triggersNotification = triggersNotification;


// EXTERNAL MODULE: ./src/github/issues-api.ts
var issues_api = __webpack_require__(35282);
;// CONCATENATED MODULE: ./src/github/octokit.ts
/**
 * Builds the Octokit client for issues (rate-limit aware) and binds it to
 * the narrow {@link IssuesApi} the review issue code depends on.
 */




/** A request GitHub's rate limit stopped even after our retries. */
class GitHubRateLimitError extends Error {
    name = 'GitHubRateLimitError';
    limit;
    status;
    constructor(message, limit, status) {
        super(message);
        this.limit = limit;
        this.status = status;
    }
}
const RATE_LIMIT_RETRIES = 3;
// Rate limits (403/429) belong to the throttling plugin, which waits as
// long as GitHub asks; the retry plugin would retry them too soon.
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451];
/**
 * Returns an Octokit that waits out primary and secondary rate limits up to
 * three times (with a warning each time), then fails naming the limit.
 */
function createOctokit(token, opts = {}) {
    const onLimit = (limit) => (retryAfter, request, _octokit, retryCount) => {
        if (retryCount >= RATE_LIMIT_RETRIES)
            return false;
        opts.log?.warning(`GitHub's ${limit} rate limit stopped ${request.method} ${request.url}; retrying in ${retryAfter} s (${retryCount + 1} of ${RATE_LIMIT_RETRIES}).`);
        return true;
    };
    const octokit = (0,github/* getOctokit */.Q)(token, {
        ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}),
        throttle: {
            onRateLimit: onLimit('primary'),
            onSecondaryRateLimit: onLimit('secondary'),
            ...(opts.retryAfterBaseValue === undefined
                ? {}
                : { retryAfterBaseValue: opts.retryAfterBaseValue })
        },
        retry: { doNotRetry: DO_NOT_RETRY, retries: 3 }
    }, throttling, dist_bundle/* retry */.L);
    // Registered after the plugins, so it sees errors once they gave up.
    octokit.hook.error('request', (error, options) => {
        throw describeRateLimit(error, `${options.method} ${options.url}`) ?? error;
    });
    if (opts.log?.debug)
        logRequests(octokit, opts.log.debug.bind(opts.log));
    return octokit;
}
/** Binds a client to one repository as the narrow issues API, writes spaced. */
function issuesApiFrom(octokit, owner, repo, opts = {}) {
    const issues = octokit.rest.issues;
    const at = { owner, repo };
    const raw = {
        listForRepo: async (p) => {
            const { data } = await issues.listForRepo({
                ...at,
                state: p.state,
                ...(p.labels === undefined ? {} : { labels: p.labels }),
                ...(p.sort ? { sort: p.sort } : {}),
                ...(p.direction ? { direction: p.direction } : {}),
                ...(p.since ? { since: p.since } : {}),
                page: p.page,
                per_page: p.perPage
            });
            return data.map(toIssueRecord);
        },
        get: async (issueNumber) => toIssueRecord((await issues.get({ ...at, issue_number: issueNumber })).data),
        create: async (p) => toIssueRecord((await issues.create({ ...at, ...p })).data),
        update: async (p) => {
            const { data } = await issues.update({
                ...at,
                issue_number: p.issueNumber,
                ...(p.title === undefined ? {} : { title: p.title }),
                ...(p.body === undefined ? {} : { body: p.body }),
                ...(p.state ? { state: p.state } : {}),
                ...(p.stateReason ? { state_reason: p.stateReason } : {})
            });
            return toIssueRecord(data);
        },
        listComments: async (p) => {
            const { data } = await issues.listComments({
                ...at,
                issue_number: p.issueNumber,
                page: p.page,
                per_page: p.perPage
            });
            return data.map(toCommentRecord);
        },
        createComment: async (p) => toCommentRecord((await issues.createComment({
            ...at,
            issue_number: p.issueNumber,
            body: p.body
        })).data),
        updateComment: async (p) => toCommentRecord((await issues.updateComment({
            ...at,
            comment_id: p.commentId,
            body: p.body
        })).data),
        addLabels: async (p) => {
            await issues.addLabels({
                ...at,
                issue_number: p.issueNumber,
                labels: p.labels
            });
        },
        getLabel: async (name) => {
            try {
                return { name: (await issues.getLabel({ ...at, name })).data.name };
            }
            catch (error) {
                if (error.status === 404)
                    return null;
                throw error;
            }
        },
        createLabel: async (p) => {
            await issues.createLabel({ ...at, ...p });
        }
    };
    return (0,issues_api/* serializeMutations */.P6)(raw, opts);
}
function toIssueRecord(data) {
    return {
        number: data.number,
        title: data.title,
        body: data.body ?? null,
        state: data.state === 'closed' ? 'closed' : 'open',
        htmlUrl: data.html_url,
        createdAt: data.created_at,
        closedAt: data.closed_at,
        isPullRequest: data.pull_request !== undefined && data.pull_request !== null,
        labels: data.labels.flatMap((label) => {
            const name = typeof label === 'string' ? label : label.name;
            return name ? [name] : [];
        }),
        author: data.user?.login ?? null
    };
}
function toCommentRecord(data) {
    return {
        id: data.id,
        body: data.body ?? null,
        author: data.user?.login ?? null,
        createdAt: data.created_at
    };
}
/** Names the rate limit that stopped a request, or null for other errors. */
function describeRateLimit(error, request) {
    const { status, message, response } = error;
    if (status !== 403 && status !== 429)
        return null;
    const text = typeof message === 'string' ? message : '';
    const headers = response?.headers ?? {};
    if (/\bsecondary rate\b/i.test(text)) {
        return new GitHubRateLimitError(`GitHub's secondary rate limit stopped ${request} after ${RATE_LIMIT_RETRIES} retries (${text}). Wait a few minutes and run the workflow again, and avoid running several at once.`, 'secondary', status);
    }
    if (headers['x-ratelimit-remaining'] === '0') {
        const reset = Number(headers['x-ratelimit-reset']);
        const at = Number.isFinite(reset)
            ? ` It resets at ${new Date(reset * 1000).toISOString()}.`
            : '';
        return new GitHubRateLimitError(`GitHub's primary rate limit (requests per hour for this token) stopped ${request} after ${RATE_LIMIT_RETRIES} retries.${at} Run the workflow again after that.`, 'primary', status);
    }
    return null;
}
function logRequests(octokit, debug) {
    octokit.hook.wrap('request', async (request, options) => {
        const started = performance.now();
        const line = (status) => `${options.method} ${options.url} ${String(status)} ${Math.round(performance.now() - started)} ms`;
        try {
            const response = await request(options);
            debug(line(response.status));
            return response;
        }
        catch (error) {
            debug(line(error.status ?? 'error'));
            throw error;
        }
    });
}


/***/ })

};

//# sourceMappingURL=634.index.js.map