// Submission bodies: JSON without files, multipart with the report JSON and every file otherwise; the
// client refuses more than 10 files or a file over 10 MB before uploading anything.
import { attachmentsForm, buildSubmissionBody, checkAttachments } from './report.multipart';

const MB = 1024 * 1024;
const submission = { title: 'Phishing', description: 'A mail', tlp: 'AMBER' };

describe('buildSubmissionBody', () => {
  it('sends plain JSON when there is no file', () => {
    expect(buildSubmissionBody(submission, [])).toEqual({ kind: 'json', body: submission });
  });

  it('sends multipart with the report as JSON and each file under "attachments"', async () => {
    const files = [new File(['a'], 'mail.eml', { type: 'message/rfc822' }), new File(['bb'], 'shot.png', { type: 'image/png' })];
    const result = buildSubmissionBody(submission, files);
    expect(result.kind).toBe('multipart');
    if (result.kind !== 'multipart') return;
    const report = result.body.get('report');
    expect(typeof report === 'string' ? JSON.parse(report) : null).toEqual(submission);
    const sent = result.body.getAll('attachments');
    expect(sent.map((f) => (f instanceof File ? f.name : null))).toEqual(['mail.eml', 'shot.png']);
    const first = sent[0];
    expect(first instanceof File ? await first.text() : null).toBe('a');
  });

  it('builds a files-only form for later uploads', () => {
    expect(attachmentsForm([new File(['x'], 'x.txt')]).getAll('attachments')).toHaveLength(1);
  });
});

describe('checkAttachments', () => {
  it('accepts up to ten files of up to 10 MB', () => {
    expect(checkAttachments(Array.from({ length: 10 }, (_, i) => ({ name: `f${i}`, size: 10 * MB })))).toBeNull();
  });

  it('refuses an eleventh file', () => {
    expect(checkAttachments(Array.from({ length: 11 }, (_, i) => ({ name: `f${i}`, size: 1 })))).toEqual({ kind: 'too-many', max: 10 });
  });

  it('names the first file over 10 MB', () => {
    expect(
      checkAttachments([
        { name: 'ok', size: 5 },
        { name: 'dump.pcap', size: 10 * MB + 1 },
      ]),
    ).toEqual({ kind: 'too-large', name: 'dump.pcap', maxMb: 10 });
  });
});
