// The portal's only script, and no page needs it to work: it follows a running import or switchover live, and
// checks a media folder's content when the folder is checked. Text is set with textContent, never as HTML.
(function () {
  'use strict';

  function follow(box) {
    var url = box.getAttribute('data-follow');
    // What the page was drawn with: when the state it follows ends, the page is drawn again (the held import's
    // decision, the schools' table), once.
    var wasFinal = box.getAttribute('data-final') === 'true';
    function field(name) { return box.querySelector('[data-field="' + name + '"]'); }
    function set(name, text) { var el = field(name); if (el) { el.textContent = text; } }
    function tick() {
      fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (answer) { if (!answer.ok) { throw new Error(String(answer.status)); } return answer.json(); })
        .then(function (now) {
          set('status', now.status);
          if (now.phase !== undefined) { set('phase', now.phase); }
          var bar = field('percent');
          if (bar) { bar.value = now.percent; bar.textContent = Math.round(now.percent) + ' %'; }
          set('percentText', Math.round(now.percent) + ' %');
          if (now.left !== undefined) { set('left', now.left); }
          if (now.schools !== undefined) { set('schools', now.schools); }
          var rows = field('phases');
          if (rows && now.phases) {
            while (rows.firstChild) { rows.removeChild(rows.firstChild); }
            now.phases.forEach(function (p) {
              var tr = document.createElement('tr');
              var th = document.createElement('th');
              th.scope = 'row';
              th.textContent = p.name;
              tr.appendChild(th);
              [p.state, p.schools, p.left].forEach(function (text) {
                var td = document.createElement('td');
                td.textContent = text;
                tr.appendChild(td);
              });
              rows.appendChild(tr);
            });
          }
          if (now.final) {
            set('announce', 'Terminé : ' + now.status);
            if (!wasFinal) { wasFinal = true; window.location.reload(); }
          } else {
            window.setTimeout(tick, 2000);
          }
        })
        .catch(function () { window.setTimeout(tick, 5000); });
    }
    window.setTimeout(tick, 1000);
  }

  function folders() {
    document.querySelectorAll('input[data-folder]').forEach(function (folder) {
      folder.addEventListener('change', function () {
        var stack = [folder.getAttribute('data-folder')];
        while (stack.length) {
          var id = stack.pop();
          document.querySelectorAll('input[data-parent="' + id + '"]').forEach(function (child) {
            child.checked = folder.checked;
            var sub = child.getAttribute('data-folder');
            if (sub) { stack.push(sub); }
          });
        }
      });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('[data-follow]').forEach(follow);
    folders();
  });
}());
