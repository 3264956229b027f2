import { describe, expect, it } from 'vitest';
import { feedbackEmail } from './feedbackRequests';
import { FEEDBACK_PAGE_CSP, feedbackFormPage } from './feedbackPage';

describe('the feedback page', () => {
  it('escapes every value it shows and keeps what was typed after a refusal', () => {
    const html = feedbackFormPage({
      store: '<script>alert(1)</script> Shop',
      orderNumber: 'D1-000001',
      action: '/feedback/abc',
      values: { satisfaction: '4', comment: '"></textarea><img src=x>' },
      problems: ['Choose how likely you are to recommend us (0 to 10)'],
    });
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Shop');
    expect(html).toContain('&quot;&gt;&lt;/textarea&gt;&lt;img src=x&gt;</textarea>');
    expect(html).toContain('value="4" checked');
    expect(html).toContain('role="alert"');
    expect(FEEDBACK_PAGE_CSP).toContain("default-src 'none'");
  });

  it('is asked for in an e-mail that names the order and carries the link', () => {
    const mail = feedbackEmail(
      { number: 'D1-000042' },
      'Nia',
      'High Street Kitchen',
      'https://shop.example/feedback/t0k3n',
    );
    expect(mail.subject).toBe('How did we do with order D1-000042?');
    expect(mail.text).toContain('https://shop.example/feedback/t0k3n');
    expect(mail.html).toContain('<a href="https://shop.example/feedback/t0k3n">');
  });
});
