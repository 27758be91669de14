// The console's only script: copy buttons, list filters, and the policy editor's product
// choice. Every page works without it.
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
  // the visual policy editor: choosing a product offers its actions at once
  document.querySelectorAll('[data-autosubmit]').forEach((select) => {
    select.addEventListener('change', () => {
      const button = select.form.querySelector('button[value="' + select.dataset.autosubmit + '"]');
      if (button) { button.click(); }
    });
  });
});
