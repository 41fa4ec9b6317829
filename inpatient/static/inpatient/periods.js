// A group's periods are fetched when its block is first opened (the page holds only the
// totals); without scripts the block's link opens the table itself.
document.addEventListener(
  "toggle",
  (event) => {
    const block = event.target;
    const link = block.open && block.querySelector && block.querySelector("a[data-periods]");
    if (!link || link.dataset.loading) return;
    link.dataset.loading = "1";
    fetch(link.href, { credentials: "same-origin" })
      .then((answer) => (answer.ok ? answer.text() : Promise.reject(answer.status)))
      .then((html) => {
        link.parentElement.outerHTML = html;
      })
      .catch(() => {
        delete link.dataset.loading; // the link still works
      });
  },
  true,
);
