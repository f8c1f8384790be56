// Reddish for docs pages: turns every <pre class="reddish"> on the page
// into an embedded Redis console. Each line of the block is an example
// command with a Run button; `data-seed` holds commands run first, unseen
// (one per line); `data-picture` adds the picture of the last key touched.
// The block stays readable where scripts do not run. Consoles start when
// scrolled near, so a page with twenty of them stays light, and each
// iframe takes the height its console asks for.
//
//   <script src="https://YOUR-REDDISH/embed.js" defer></script>
//   <pre class="reddish" data-seed="RPUSH jobs a b">LRANGE jobs 0 -1
//   LPOP jobs</pre>
(() => {
  const base = new URL('./', document.currentScript ? document.currentScript.src : location.href);
  const frames = [];
  const start = (pre) => {
    const run = pre.textContent.split('\n').map((l) => l.trim()).filter(Boolean);
    const q = new URLSearchParams({ embed: '1' });
    if (run.length) q.set('run', run.join('\n'));
    if (pre.dataset.seed) q.set('seed', pre.dataset.seed);
    if (pre.dataset.picture !== undefined) q.set('picture', '1');
    const frame = document.createElement('iframe');
    frame.src = new URL('?' + q, base).href;
    frame.title = 'Redis console: ' + (run[0] || 'Reddish');
    frame.className = 'reddish-console';
    frame.style.cssText = 'display:block;width:100%;max-width:600px;height:300px;border:1px solid #ccc;border-radius:6px';
    frames.push(frame);
    pre.replaceWith(frame);
  };
  addEventListener('message', (e) => {
    if (!e.data || e.data.reddish !== 'height' || !(e.data.height > 0)) return;
    const frame = frames.find((f) => f.contentWindow === e.source);
    if (frame) frame.style.height = Math.min(e.data.height, 2000) + 'px';
  });
  const blocks = document.querySelectorAll('pre.reddish');
  if (!('IntersectionObserver' in window)) return blocks.forEach(start);
  const near = new IntersectionObserver((seen) => {
    for (const s of seen) {
      if (s.isIntersecting) {
        near.unobserve(s.target);
        start(s.target);
      }
    }
  }, { rootMargin: '200px' });
  blocks.forEach((pre) => near.observe(pre));
})();
