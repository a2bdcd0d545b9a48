// woo-redact review page: selection, keyboard shortcuts and box drawing. The page works
// without this file (plain forms); this only makes the common actions quick.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  const root = document.getElementById("review");
  if (!root) return;

  const items = Array.from(document.querySelectorAll("li.finding"));
  const svg = document.getElementById("overlay");
  let sel = -1;

  function select(i, scroll) {
    if (!items.length) return;
    sel = Math.max(0, Math.min(items.length - 1, i));
    const fid = items[sel].dataset.fid;
    items.forEach((li, j) => li.classList.toggle("sel", j === sel));
    svg.querySelectorAll("rect.box").forEach((r) => r.classList.toggle("sel", r.dataset.fid === fid));
    if (scroll) items[sel].scrollIntoView({ block: "nearest" });
  }

  // After a decision the page reloads on the next finding (its id is sent as "next").
  function following(li) {
    const j = items.indexOf(li);
    return (items[j + 1] || li).dataset.fid;
  }
  items.forEach((li, i) => {
    li.addEventListener("click", (e) => { if (!e.target.closest("form")) select(i, false); });
    li.querySelectorAll("form.act, form.all").forEach((form) => {
      form.addEventListener("submit", () => { form.elements.next.value = following(li); });
    });
    const ground = li.querySelector("form.ground select");
    ground.addEventListener("change", () => ground.form.submit());
  });
  svg.querySelectorAll("rect.box[data-fid]").forEach((r) => {
    r.addEventListener("click", () => {
      if (drawing) return;
      const i = items.findIndex((li) => li.dataset.fid === r.dataset.fid);
      if (i >= 0) select(i, true);
    });
  });
  const fromHash = items.findIndex((li) => "#" + li.id === location.hash);
  select(fromHash >= 0 ? fromHash : items.findIndex((li) => li.classList.contains("proposed")), true);

  // -- drawing a manual box (coordinates in PDF points through the SVG's viewBox) ----------
  const draft = document.getElementById("draft");
  const drawButton = document.getElementById("draw");
  const fields = ["x0", "y0", "x1", "y1"].map((k) => document.getElementById("m-" + k));
  let drawing = false;
  let start = null;

  function setDrawing(on) {
    drawing = on;
    svg.classList.toggle("drawing", on);
    drawButton.classList.toggle("primary", on);
  }
  function point(e) {
    const p = svg.createSVGPoint();
    p.x = e.clientX;
    p.y = e.clientY;
    const q = p.matrixTransform(svg.getScreenCTM().inverse());
    const w = parseFloat(svg.dataset.width), h = parseFloat(svg.dataset.height);
    return { x: Math.max(0, Math.min(w, q.x)), y: Math.max(0, Math.min(h, q.y)) };
  }
  function showDraft(a, b) {
    const x = Math.min(a.x, b.x), y = Math.min(a.y, b.y);
    draft.setAttribute("x", x);
    draft.setAttribute("y", y);
    draft.setAttribute("width", Math.abs(a.x - b.x));
    draft.setAttribute("height", Math.abs(a.y - b.y));
    draft.setAttribute("visibility", "visible");
    [x, y, Math.max(a.x, b.x), Math.max(a.y, b.y)].forEach((v, i) => { fields[i].value = v.toFixed(1); });
  }
  drawButton.addEventListener("click", () => setDrawing(!drawing));
  svg.addEventListener("pointerdown", (e) => {
    if (!drawing) return;
    e.preventDefault();
    svg.setPointerCapture(e.pointerId);
    start = point(e);
    showDraft(start, start);
  });
  svg.addEventListener("pointermove", (e) => { if (drawing && start) showDraft(start, point(e)); });
  svg.addEventListener("pointerup", (e) => {
    if (!drawing || !start) return;
    showDraft(start, point(e));
    start = null;
    setDrawing(false);
    document.getElementById("m-ground").focus();
  });

  // -- keyboard ---------------------------------------------------------------------------
  function click(selector) {
    const el = sel >= 0 ? items[sel].querySelector(selector) : null;
    if (el) el.click();
  }
  function go(id) {
    const a = document.getElementById(id);
    if (a) location.href = a.href;
  }
  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === "Escape") { setDrawing(false); return; }
    if (e.target.closest("input, select, textarea, dialog")) return;
    const keys = {
      j: () => select(sel + 1, true), ArrowDown: () => select(sel + 1, true),
      k: () => select(sel - 1, true), ArrowUp: () => select(sel - 1, true),
      a: () => click("button.accept"), r: () => click("button.reject"),
      A: () => click("button.accept-all"), R: () => click("button.reject-all"),
      g: () => { if (sel >= 0) items[sel].querySelector("form.ground select").focus(); },
      d: () => setDrawing(!drawing),
      m: () => { const b = document.getElementById("mark-reviewed"); if (b) b.click(); },
      n: () => go("next-page"), ArrowRight: () => go("next-page"),
      p: () => go("prev-page"), ArrowLeft: () => go("prev-page"),
      "?": () => document.getElementById("help").showModal(),
    };
    const act = keys[e.key];
    if (act) { e.preventDefault(); act(); }
  });
})();
