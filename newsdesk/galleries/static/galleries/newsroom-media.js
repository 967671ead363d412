// The newsroom's media pages: bulk upload with progress per file, the gallery builder
// (drag and keyboard reordering), the focal-point picker, and handing a chosen gallery or video
// back to the article form that opened this page in its dialog.
//
// Contract with the opener (docs/newsroom-medien.md): a message
//   {source: "newsdesk", event: "newsdesk:embed-chosen", detail: {type, slug, title}}
// posted to the parent frame (or window.opener) with this site's origin as target.
(function () {
  "use strict";

  function announceChosen() {
    var data = document.getElementById("embed-chosen");
    if (!data) return;
    var detail = JSON.parse(data.textContent);
    var target = window.parent !== window ? window.parent : window.opener;
    if (target) {
      target.postMessage(
        { source: "newsdesk", event: "newsdesk:embed-chosen", detail: detail },
        window.location.origin
      );
    }
  }

  // Gallery builder

  function builder(form) {
    var list = document.getElementById("builder-items");
    var template = document.getElementById("builder-row-template");
    var fileInput = document.getElementById("id_files");
    var dropzone = document.getElementById("media-dropzone");
    var progress = document.getElementById("upload-progress");
    var status = document.getElementById("builder-status");
    var creditAll = document.getElementById("id_credit_all");
    var altAll = document.getElementById("id_alt_all");
    var submits = form.querySelectorAll("input[type=submit]");
    var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
    var pending = 0;
    var queue = [];
    var running = 0;
    // One upload at a time: `make run` serves with two sync workers, and a second upload would
    // take the one left for the editor's other clicks. Files go in the order chosen.
    var PARALLEL = 1;

    function setBusy() {
      submits.forEach(function (button) {
        button.disabled = pending > 0;
      });
      form.classList.toggle("uploading", pending > 0);
    }

    function number() {
      var rows = list.querySelectorAll(".builder-item");
      rows.forEach(function (row, index) {
        var label = row.querySelector(".builder-position");
        if (label) label.textContent = index + 1 + ".";
        row.setAttribute(
          "aria-label",
          "Bild " + (index + 1) + " von " + rows.length + ": " +
            row.querySelector(".builder-name").textContent
        );
      });
    }

    function rowFor(image) {
      var html = template.innerHTML.split("__ID__").join(String(image.id));
      var holder = document.createElement("ol");
      holder.innerHTML = html.trim();
      var row = holder.firstElementChild;
      row.querySelector(".builder-thumb").src = image.thumbnail;
      row.querySelector(".builder-name").textContent = image.title;
      row.querySelector("input[name^=caption-]").value = image.caption || "";
      row.querySelector("input[name^=credit-]").value = image.credit || "";
      row.querySelector("input[name^=alt-]").value = image.alt_text || "";
      row.querySelector(".focal-link").href = image.focal_url;
      if (!list.querySelector(".builder-item")) {
        row.querySelector("input[name=cover]").checked = true;
      }
      return row;
    }

    function upload(job) {
      running += 1;
      var data = new FormData();
      data.append("file", job.file);
      data.append("credit", creditAll.value);
      data.append("alt_text", altAll.value);
      data.append("csrfmiddlewaretoken", csrf);
      var request = new XMLHttpRequest();
      request.open("POST", form.dataset.uploadUrl);
      request.setRequestHeader("X-CSRFToken", csrf);
      request.upload.addEventListener("progress", function (event) {
        if (event.lengthComputable) {
          var percent = Math.round((event.loaded / event.total) * 100);
          job.meter.value = percent;
          job.text.textContent = percent + " %";
        }
      });
      request.addEventListener("loadend", function () {
        var answer = {};
        try {
          answer = JSON.parse(request.responseText);
        } catch (error) {
          answer = {};
        }
        if (request.status === 201) {
          job.item.classList.add("done");
          job.meter.value = 100;
          job.text.textContent = "fertig";
          job.slot.replaceWith(rowFor(answer));
        } else {
          job.item.classList.add("failed");
          job.text.textContent =
            answer.error ||
            (request.status === 413
              ? "Die Datei ist zu groß."
              : "Hochladen fehlgeschlagen (Fehler " + request.status + ").");
          job.slot.remove();
        }
        pending -= 1;
        running -= 1;
        number();
        setBusy();
        next();
      });
      request.send(data);
    }

    function next() {
      while (running < PARALLEL && queue.length) upload(queue.shift());
    }

    function addFiles(files) {
      Array.prototype.forEach.call(files, function (file) {
        var item = document.createElement("li");
        var name = document.createElement("span");
        var meter = document.createElement("progress");
        var text = document.createElement("span");
        name.className = "upload-name";
        name.textContent = file.name;
        meter.max = 100;
        meter.value = 0;
        text.className = "upload-state";
        text.textContent = "wartet";
        item.append(name, meter, text);
        progress.append(item);
        // A placeholder keeps the chosen order however the uploads finish.
        var slot = document.createElement("li");
        slot.className = "builder-slot";
        slot.hidden = true;
        list.append(slot);
        pending += 1;
        queue.push({ file: file, item: item, meter: meter, text: text, slot: slot });
      });
      setBusy();
      next();
    }

    form.querySelectorAll(".apply-all").forEach(function (button) {
      button.addEventListener("click", function () {
        var value = (button.dataset.field === "credit" ? creditAll : altAll).value;
        list.querySelectorAll("input[name^=" + button.dataset.field + "-]").forEach(function (input) {
          input.value = value;
        });
      });
    });

    fileInput.addEventListener("change", function () {
      addFiles(fileInput.files);
      fileInput.value = ""; // sent already; the form must not post them a second time
    });
    ["dragenter", "dragover"].forEach(function (name) {
      dropzone.addEventListener(name, function (event) {
        if (event.dataTransfer && Array.prototype.indexOf.call(event.dataTransfer.types, "Files") >= 0) {
          event.preventDefault();
          dropzone.classList.add("over");
        }
      });
    });
    dropzone.addEventListener("dragleave", function () {
      dropzone.classList.remove("over");
    });
    dropzone.addEventListener("drop", function (event) {
      if (!event.dataTransfer || !event.dataTransfer.files.length) return;
      event.preventDefault();
      dropzone.classList.remove("over");
      addFiles(event.dataTransfer.files);
    });

    // Reordering: drag a row, or move it with the buttons or Alt+Arrow keys.
    var dragged = null;
    list.addEventListener("dragstart", function (event) {
      dragged = event.target.closest(".builder-item");
      if (!dragged) return;
      dragged.classList.add("dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", dragged.dataset.image);
    });
    list.addEventListener("dragover", function (event) {
      if (!dragged) return;
      event.preventDefault();
      var over = event.target.closest(".builder-item");
      if (!over || over === dragged) return;
      var box = over.getBoundingClientRect();
      var after = event.clientY > box.top + box.height / 2;
      over.parentNode.insertBefore(dragged, after ? over.nextSibling : over);
    });
    list.addEventListener("drop", function (event) {
      if (dragged) event.preventDefault();
    });
    list.addEventListener("dragend", function () {
      if (!dragged) return;
      dragged.classList.remove("dragging");
      dragged = null;
      number();
    });

    function move(row, step) {
      var sibling = step < 0 ? row.previousElementSibling : row.nextElementSibling;
      while (sibling && !sibling.classList.contains("builder-item")) {
        sibling = step < 0 ? sibling.previousElementSibling : sibling.nextElementSibling;
      }
      if (!sibling) return;
      list.insertBefore(row, step < 0 ? sibling : sibling.nextSibling);
      number();
      status.textContent = row.getAttribute("aria-label");
    }
    list.addEventListener("click", function (event) {
      var button = event.target.closest(".move-up, .move-down");
      if (!button) return;
      var row = button.closest(".builder-item");
      move(row, button.classList.contains("move-up") ? -1 : 1);
      button.focus();
    });
    list.addEventListener("keydown", function (event) {
      if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
      var row = event.target.closest(".builder-item");
      if (!row) return;
      event.preventDefault();
      move(row, event.key === "ArrowUp" ? -1 : 1);
      event.target.focus();
    });
    list.addEventListener("change", function (event) {
      if (event.target.name === "remove") {
        event.target.closest(".builder-item").classList.toggle("removed", event.target.checked);
      }
    });
    number();
  }

  // Focal point: a click on the picture posts where, as fractions of width and height.

  function focalPicker(form) {
    var picker = form.querySelector(".focal-picker");
    var marker = picker.querySelector(".focal-marker");
    var image = picker.querySelector("input[type=image]");
    function place(x, y) {
      marker.style.left = x * 100 + "%";
      marker.style.top = y * 100 + "%";
    }
    place(parseFloat(picker.dataset.focalX), parseFloat(picker.dataset.focalY));
    image.addEventListener("click", function (event) {
      var box = image.getBoundingClientRect();
      var x = Math.min(Math.max((event.clientX - box.left) / box.width, 0), 1);
      var y = Math.min(Math.max((event.clientY - box.top) / box.height, 0), 1);
      form.elements.x.disabled = false;
      form.elements.y.disabled = false;
      form.elements.x.value = x.toFixed(4);
      form.elements.y.value = y.toFixed(4);
      place(x, y);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    announceChosen();
    var form = document.getElementById("gallery-builder");
    if (form) builder(form);
    var focal = document.getElementById("focal-form");
    if (focal) focalPicker(focal);
  });
})();
