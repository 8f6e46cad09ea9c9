// Keeps the admin's "Sending progress" page up to date while an update is sent: asks for the
// counts every two seconds and reloads the page once when the sending has finished.
(() => {
  const section = document.querySelector("[data-mailing-status]");
  if (!section) return;
  const url = section.getAttribute("data-mailing-status");
  const bar = section.querySelector("progress");

  async function poll() {
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (!response.ok) throw new Error(response.statusText);
      const progress = await response.json();
      bar.max = progress.total;
      bar.value = progress.done;
      bar.textContent = `${progress.percent}%`;
      for (const key of ["sent", "pending", "failed", "skipped"]) {
        const count = section.querySelector(`[data-count="${key}"]`);
        if (count) count.textContent = progress[key];
      }
      if (progress.finished) {
        window.location.reload();
        return;
      }
    } catch (error) {
      // A blip (the server restarting): try again at the next tick.
    }
    window.setTimeout(poll, 2000);
  }
  window.setTimeout(poll, 2000);
})();
