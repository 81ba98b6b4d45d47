export const id = 954;
export const ids = [954];
export const modules = {

/***/ 80954:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   downloadReportArtifact: () => (/* binding */ downloadReportArtifact),
/* harmony export */   uploadReport: () => (/* binding */ uploadReport)
/* harmony export */ });
/* unused harmony exports chooseReportArtifact, withSha256Prefix */
/* harmony import */ var _actions_artifact__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(40111);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(77094);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(83916);
/**
 * The report artifact: upload after a report run, download for an approval
 * run. Loaded lazily by main, because @actions/artifact is the heaviest
 * dependency and most code paths never touch it.
 */



/**
 * Uploads the report files as one artifact; null when the runner provides
 * no artifact service (no ACTIONS_RUNTIME_TOKEN), for the caller to say so.
 */
async function uploadReport(opts) {
    if (!process.env.ACTIONS_RUNTIME_TOKEN)
        return null;
    const client = new _actions_artifact__WEBPACK_IMPORTED_MODULE_0__/* .DefaultArtifactClient */ .t9();
    try {
        const result = await client.uploadArtifact(opts.name, opts.files, opts.rootDir, { retentionDays: opts.retentionDays });
        if (result.id === undefined)
            throw new Error('GitHub returned no artifact id');
        return {
            id: result.id,
            size: result.size ?? 0,
            // The upload reports bare hex while downloads compare `sha256:<hex>`;
            // one form everywhere keeps the comparison honest.
            digest: withSha256Prefix(result.digest ?? '')
        };
    }
    catch (error) {
        throw new Error(`Could not upload the report artifact ${opts.name}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .getErrorMessage */ .u1)(error)}`, { cause: error });
    }
}
/**
 * Downloads the report artifact of run `runId`: the one whose name is the
 * prefix plus the highest run attempt. Goes through the REST API (`findBy`),
 * which also sees earlier attempts of a re-run.
 */
async function downloadReportArtifact(opts) {
    const findBy = {
        token: opts.token,
        workflowRunId: opts.runId,
        repositoryOwner: opts.owner,
        repositoryName: opts.repo
    };
    const client = new _actions_artifact__WEBPACK_IMPORTED_MODULE_0__/* .DefaultArtifactClient */ .t9();
    const listed = await client
        .listArtifacts({ findBy })
        .catch((error) => {
        throw new Error(listFailure(opts, error), { cause: error });
    });
    const chosen = chooseReportArtifact(listed.artifacts, opts);
    _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .debug */ .Yz(`Report artifact ${chosen.name} (id ${chosen.id}, digest ${chosen.digest ?? 'none'})`);
    const expectedHash = chosen.digest
        ? withSha256Prefix(chosen.digest)
        : undefined;
    const result = await client
        .downloadArtifact(chosen.id, {
        path: opts.destination,
        findBy,
        expectedHash
    })
        .catch((error) => {
        throw new Error(downloadFailure(opts, chosen, error), { cause: error });
    });
    return {
        dir: result.downloadPath ?? opts.destination,
        name: chosen.name,
        digestMatches: expectedHash !== undefined && !result.digestMismatch
    };
}
/**
 * The artifact named `<prefix><attempt>` or `<prefix>-<attempt>` with the
 * highest attempt (then the newest id). A name that merely starts with the
 * prefix is not taken: `report-Acme` must not pick `report-AcmeCorp-1`.
 */
function chooseReportArtifact(artifacts, opts) {
    const candidates = artifacts
        .map((artifact) => ({
        artifact,
        attempt: attemptOf(artifact.name, opts.namePrefix)
    }))
        .filter((c) => c.attempt !== null)
        .sort((a, b) => b.attempt - a.attempt || b.artifact.id - a.artifact.id);
    const best = candidates[0];
    if (best)
        return best.artifact;
    const names = artifacts.map((a) => a.name).join(', ') || 'none';
    throw new Error(`Run ${opts.runId} of ${opts.owner}/${opts.repo} has no artifact named "${opts.namePrefix}<attempt>" (artifacts found: ${names}). Check that the run id is the report run for this customer and artifact-name, and that the artifact is still within its retention period.`);
}
function attemptOf(name, prefix) {
    if (!name.startsWith(prefix))
        return null;
    const rest = name.slice(prefix.length);
    if (rest === '')
        return 0;
    const match = /^-?(\d+)$/.exec(rest);
    return match ? Number(match[1]) : null;
}
/** `sha256:<hex>` whether or not the prefix was already there. */
function withSha256Prefix(digest) {
    return digest.startsWith('sha256:') ? digest : `sha256:${digest}`;
}
function listFailure(opts, error) {
    return `Could not list the artifacts of run ${opts.runId} in ${opts.owner}/${opts.repo}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .getErrorMessage */ .u1)(error)}. Check that the workflow grants the token \`actions: read\` (permissions:), and that run ${opts.runId} exists in ${opts.owner}/${opts.repo}.`;
}
function downloadFailure(opts, artifact, error) {
    return `Could not download the report artifact ${artifact.name} (id ${artifact.id}) of run ${opts.runId}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .getErrorMessage */ .u1)(error)}. Artifacts are deleted after artifact-retention-days; if it expired, run a new report. Otherwise check that the token has \`actions: read\`.`;
}


/***/ })

};

//# sourceMappingURL=954.index.js.map