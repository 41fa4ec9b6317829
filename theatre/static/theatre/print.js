/* The council view's print button: a script file, as the content security policy allows no inline handlers. */
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) { window.print(); }
});
