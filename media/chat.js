// @ts-check
// The SparkGraph chat webview. The extension renders every answer to escaped HTML; this script
// only places it, sends questions, and asks the extension to open cited locations.
(function () {
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const log = /** @type {HTMLElement} */ (document.getElementById('log'));
  const form = /** @type {HTMLFormElement} */ (document.getElementById('composer'));
  const input = /** @type {HTMLTextAreaElement} */ (document.getElementById('input'));
  const stop = /** @type {HTMLButtonElement} */ (document.getElementById('stop'));
  const clear = /** @type {HTMLButtonElement} */ (document.getElementById('clear'));
  const context = /** @type {HTMLElement} */ (document.getElementById('context'));
  const model = /** @type {HTMLElement} */ (document.getElementById('model'));
  let commands = [];

  function welcome() {
    const el = document.createElement('div');
    el.className = 'welcome';
    const p = document.createElement('p');
    p.textContent = 'Ask where something is handled in this workspace. Answers come from the code graph, with a link to every place.';
    const ul = document.createElement('ul');
    for (const c of commands) {
      const li = document.createElement('li');
      const code = document.createElement('code');
      code.textContent = '/' + c.name;
      li.append(code, ' — ' + c.description);
      ul.append(li);
    }
    el.append(p, ul);
    return el;
  }

  function nearBottom() {
    return log.scrollHeight - log.scrollTop - log.clientHeight < 80;
  }

  function setTurn(id, html) {
    const follow = nearBottom();
    log.querySelector('.welcome')?.remove();
    let el = document.getElementById('turn-' + id);
    const created = !el;
    if (!el) {
      el = document.createElement('article');
      el.id = 'turn-' + id;
      el.className = 'turn';
      el.setAttribute('aria-label', 'Question and answer');
      log.append(el);
    }
    // The HTML is rendered by the extension from escaped text only.
    el.innerHTML = html;
    // A new question is brought into view; a streaming answer is followed while the reader is at the end.
    if (created) el.scrollIntoView({ block: 'start' });
    else if (follow) log.scrollTop = log.scrollHeight;
  }

  function setBusy(busy) {
    stop.disabled = !busy;
    log.setAttribute('aria-busy', String(busy));
  }

  function send() {
    const text = input.value.trim();
    if (!text) return;
    vscode.postMessage({ type: 'ask', text });
    input.value = '';
  }

  window.addEventListener('message', (event) => {
    const m = event.data;
    switch (m && m.type) {
      case 'reset':
        commands = m.commands || commands;
        log.replaceChildren();
        if (!m.turns.length) log.append(welcome());
        for (const t of m.turns) setTurn(t.id, t.html);
        log.scrollTop = log.scrollHeight;
        setBusy(m.busy);
        break;
      case 'turn':
        setTurn(m.id, m.html);
        break;
      case 'busy':
        setBusy(m.busy);
        break;
      case 'context':
        context.textContent = m.label;
        break;
      case 'model':
        model.textContent = m.label;
        break;
      case 'focusInput':
        input.focus();
        break;
    }
  });

  log.addEventListener('click', (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    const a = target.closest('a');
    if (!a) return;
    event.preventDefault();
    if (a.classList.contains('loc')) {
      vscode.postMessage({ type: 'open', uri: a.dataset.uri, line: Number(a.dataset.line), character: Number(a.dataset.character) });
    } else if (a.classList.contains('ext')) {
      vscode.postMessage({ type: 'external', url: a.dataset.external });
    }
  });

  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    } else if (event.key === 'Escape' && !stop.disabled) {
      event.preventDefault();
      vscode.postMessage({ type: 'cancel' });
    }
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    send();
  });
  stop.addEventListener('click', () => vscode.postMessage({ type: 'cancel' }));
  clear.addEventListener('click', () => vscode.postMessage({ type: 'clear' }));

  vscode.postMessage({ type: 'ready' });
})();
