import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ChatMessageView } from '@shared/domain/live/live-events';
import { chatLines, chatReducer, EMPTY_CHAT } from './chat-state';
import { ChatLog } from './ChatLog';

const CREATOR = '00000000-0000-4000-8000-0000000000c0';

function message(id: string, text: string, fields: Partial<ChatMessageView> = {}): ChatMessageView {
  return {
    id,
    streamId: '00000000-0000-4000-8000-000000000001',
    kind: 'message',
    author: { id: '00000000-0000-4000-8000-0000000000f1', displayName: 'Bea', handle: 'bea' },
    text,
    tip: null,
    createdAt: `2026-12-03T12:00:0${id.slice(-1)}.000Z`,
    deletedAt: null,
    ...fields,
  };
}

function render(messages: readonly ChatMessageView[]): string {
  const state = chatReducer(EMPTY_CHAT, {
    type: 'events',
    events: messages.map((m) => ({ type: m.kind, message: m })),
  });
  return renderToStaticMarkup(createElement(ChatLog, { lines: chatLines(state), creatorId: CREATOR }));
}

describe('ChatLog', () => {
  it('shows markup typed in the chat as text: no script, no image, no handler reaches the page', () => {
    const html = render([
      message('m1', '<script>alert(1)</script>'),
      message('m2', '<img src=x onerror="alert(2)">'),
      message('m3', 'ok', { author: { id: CREATOR, displayName: '<b>Ana</b>', handle: 'ana' } }),
    ]);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<b>/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(2)&quot;&gt;');
    expect(html).toContain('&lt;b&gt;Ana&lt;/b&gt;');
  });

  it('is a polite log, so screen readers read new messages without being interrupted', () => {
    const html = render([message('m1', 'hello')]);
    expect(html).toMatch(/<div[^>]*role="log"/);
    expect(html).toMatch(/<div[^>]*aria-live="polite"/);
    expect(html).toMatch(/<div[^>]*aria-label="Chat messages"/);
    // The messages are a list inside the log (a list cannot take the log's role itself).
    expect(html).toMatch(/role="log"[^>]*><ol class="chat-log__list"><li/);
  });

  it('highlights a tip with its amount, and marks the creator', () => {
    const html = render([
      message('m1', 'great show', { kind: 'tip', tip: { currency: 'USD', amount: '1250' } }),
      message('m2', 'thanks!', { author: { id: CREATOR, displayName: 'Ana', handle: 'ana' } }),
    ]);
    expect(html).toContain('chat-line--tip');
    expect(html).toContain('tipped $12.50');
    expect(html).toContain('Creator');
  });

  it('invites the first message in an empty chat', () => {
    expect(render([])).toContain('No messages yet');
  });
});
