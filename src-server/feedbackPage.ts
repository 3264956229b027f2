// The small page a customer's feedback link opens: three questions as a plain form (no script, no
// outside resources), and the pages after it. Every value shown is escaped.
import { FEEDBACK_COMMENT_MAX } from '../src-shared/feedback';
import { escapeHtml } from '../src-shared/receiptEmail';

/** No script, nothing from elsewhere; the form may only post back here. */
export const FEEDBACK_PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
fieldset{border:1px solid #ccc;border-radius:6px;margin:0 0 1rem;padding:.5rem 1rem}
legend{font-weight:600}.scale{display:flex;flex-wrap:wrap;gap:.25rem .75rem}
label{white-space:nowrap}textarea{width:100%;box-sizing:border-box;font:inherit}
button{font:inherit;padding:.5rem 1.25rem}.problems{color:#a00000;border-left:4px solid #a00000;padding-left:.75rem}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

function scale(name: string, from: number, to: number, chosen: string | undefined, ends: [string, string]) {
  const options = [];
  for (let n = from; n <= to; n++) {
    const checked = chosen === String(n) ? ' checked' : '';
    options.push(`<label><input type="radio" name="${name}" value="${n}"${checked} required> ${n}</label>`);
  }
  return `<p>${escapeHtml(ends[0])} = ${from}, ${escapeHtml(ends[1])} = ${to}</p><div class="scale">${options.join('')}</div>`;
}

export interface FeedbackFormView {
  store: string;
  orderNumber: string;
  action: string;
  values?: Record<string, string>;
  problems?: string[];
}

export function feedbackFormPage(view: FeedbackFormView): string {
  const v = view.values ?? {};
  const problems = view.problems?.length
    ? `<div class="problems" role="alert"><p>Please check your answers:</p><ul>${view.problems.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul></div>`
    : '';
  return page(
    `Feedback on order ${view.orderNumber}`,
    `<h1>How did ${escapeHtml(view.store)} do?</h1>
<p>Your feedback on order ${escapeHtml(view.orderNumber)}.</p>${problems}
<form method="post" action="${escapeHtml(view.action)}">
<fieldset><legend>How satisfied are you with your order?</legend>${scale('satisfaction', 1, 5, v.satisfaction, ['Not at all', 'Very satisfied'])}</fieldset>
<fieldset><legend>How likely are you to recommend us to a friend?</legend>${scale('recommend', 0, 10, v.recommend, ['Not likely', 'Very likely'])}</fieldset>
<p><label for="comment">Anything you would like to tell us? (optional)</label><br><textarea id="comment" name="comment" rows="5" maxlength="${FEEDBACK_COMMENT_MAX}">${escapeHtml(v.comment ?? '')}</textarea></p>
<button type="submit">Send feedback</button>
</form>`,
  );
}

export function feedbackThanksPage(store: string): string {
  return page('Thank you', `<h1>Thank you</h1><p>${escapeHtml(store)} has your feedback.</p>`);
}

export function feedbackUsedPage(): string {
  return page(
    'Feedback already sent',
    '<h1>This link has been used</h1><p>Feedback for this order was already sent. Thank you!</p>',
  );
}

export function feedbackUnknownPage(): string {
  return page(
    'Link not recognised',
    '<h1>This feedback link is not recognised</h1><p>Check that the whole link from the e-mail was copied.</p>',
  );
}
