// The console's only script: copy buttons and list filters. Pages work without it.
document.addEventListener('DOMContentLoaded', () => {
  document.querySelectorAll('[data-copy]').forEach((button) => {
    button.addEventListener('click', () => {
      const text = document.getElementById(button.dataset.copy).textContent;
      navigator.clipboard.writeText(text).then(() => { button.textContent = 'Copied'; });
    });
  });
  document.querySelectorAll('[data-filter]').forEach((input) => {
    const list = document.getElementById(input.dataset.filter);
    input.addEventListener('input', () => {
      const wanted = input.value.toLowerCase();
      list.querySelectorAll('li').forEach((item) => {
        item.hidden = !item.textContent.toLowerCase().includes(wanted);
      });
    });
  });
});
