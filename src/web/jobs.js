// @ts-check
/** Following a job of the API until it ends: the one polling loop of the app (uploads, new quizzes). */
import { ApiError, json } from './api.js';

/** @typedef {import('../fleet/views.ts').JobView} JobView */

/**
 * Polls `api/jobs/:id` every `interval` ms, telling `onView` each view, until the job completes or fails; resolves
 * with its last view. A job the server no longer knows rejects with the API's 404; other errors (the API
 * restarting, a dropped connection) are waited out, three intervals at a time.
 * @param {string} jobId
 * @param {(view: JobView) => void} onView
 * @param {{ interval?: number }} [options]
 * @returns {Promise<JobView>}
 */
export async function followJob(jobId, onView, { interval = 1000 } = {}) {
  for (;;) {
    /** @type {JobView} */
    let view;
    try {
      view = await json(`api/jobs/${encodeURIComponent(jobId)}`);
    } catch (err) {
      if (err instanceof ApiError && (err.status === 404 || err.status === 401 || err.status === 403))
        throw err;
      await sleep(interval * 3);
      continue;
    }
    onView(view);
    if (view.state === 'completed' || view.state === 'failed') return view;
    await sleep(interval);
  }
}

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
