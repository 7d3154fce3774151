import type { ChatTurn } from './chatEngine';

// How a turn is written to an append-only chat response (VS Code's `@sparkgraph`): the notice or
// the graph answer once, then only the new part of the model's text at each update, then the
// note or usage at the end. Free of `vscode`: the stream is anything with `markdown(text)`.

export interface MarkdownSink {
  markdown(text: string): void;
}

export function turnWriter(sink: MarkdownSink): { update(turn: ChatTurn): void; finish(turn: ChatTurn): void } {
  let graphShown = false;
  let noticeShown = false;
  let modelShown = 0;
  return {
    update(t) {
      if (t.notice && !noticeShown) {
        noticeShown = true;
        sink.markdown(`${t.notice}\n\n`);
      }
      if (t.graph && !graphShown) {
        graphShown = true;
        sink.markdown(t.graph.markdown);
      }
      if (t.model && t.model.text.length > modelShown) {
        if (modelShown === 0) sink.markdown(`\n\n---\n**Model answer** (${t.model.name}):\n\n`);
        sink.markdown(t.model.text.slice(modelShown));
        modelShown = t.model.text.length;
      }
    },
    finish(t) {
      if (t.model?.installHints) sink.markdown(`\n\n${t.model.installHints}`);
      if (t.model?.note) sink.markdown(`\n\n> ${t.model.note}`);
      if (t.model?.usage) sink.markdown(`\n\n_${t.model.usage}_`);
    },
  };
}
