// gongbao — progressive enhancement only: every page works without this file.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // Document page: show the original gazette lines beside the text without a reload.
  const toggle = document.getElementById("toggle-original");
  const article = document.querySelector("article.document");
  if (toggle && article) {
    toggle.addEventListener("click", (event) => {
      event.preventDefault();
      const on = article.classList.toggle("show-original");
      toggle.textContent = on ? "隐藏公报原文" : "对照公报原文";
      toggle.setAttribute("href", on ? "?original=0" : "?original=1");
      const url = new URL(window.location.href);
      if (on) url.searchParams.set("original", "1"); else url.searchParams.delete("original");
      history.replaceState(null, "", url);
    });
  }

  // Graph page: hovering a node highlights its citations, repeals and forwarded texts.
  const svg = document.querySelector("svg.graph");
  if (svg) {
    const clear = () => {
      svg.classList.remove("focus");
      svg.querySelectorAll(".on").forEach((el) => el.classList.remove("on"));
    };
    svg.querySelectorAll(".node").forEach((node) => {
      node.addEventListener("mouseenter", () => {
        const id = node.dataset.id;
        svg.classList.add("focus");
        node.classList.add("on");
        svg.querySelectorAll(".edge").forEach((edge) => {
          if (edge.dataset.source === id || edge.dataset.target === id) {
            edge.classList.add("on");
            const other = edge.dataset.source === id ? edge.dataset.target : edge.dataset.source;
            svg.querySelectorAll(".node").forEach((n) => { if (n.dataset.id === other) n.classList.add("on"); });
          }
        });
      });
      node.addEventListener("mouseleave", clear);
    });
  }
});
