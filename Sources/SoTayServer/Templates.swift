import Mustache
import SoTayCore

/// The pages' templates, parsed once at start-up. Every value is escaped by the template
/// engine (`{{value}}`); the only unescaped inserts (`{{{…}}}`) are the stylesheet and the
/// checklist markup, which ``ChecklistHTML`` escapes itself.
struct Templates: Sendable {
    let library: MustacheLibrary

    init() throws {
        var library = MustacheLibrary()
        for (name, text) in Self.sources {
            try library.register(text, named: name)
        }
        self.library = library
    }

    /// Renders `name` with `context`, or fails rather than serve a broken page.
    func render(_ context: [String: Any], _ name: String) throws -> String {
        var context = context
        context["css"] = Self.css
        guard let html = library.render(context, withTemplate: name) else { throw TemplateMissing(name: name) }
        return html
    }

    struct TemplateMissing: Error { var name: String }

    static let sources: [String: String] = [
        "layout": layout, "home": home, "search": search, "document": document, "checklist": checklist, "error": error,
    ]

    static let layout = """
        <!DOCTYPE html>
        <html lang="vi">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{$title}}Sổ tay công tác chi bộ{{/title}}</title>
        <style>{{{css}}}</style>
        </head>
        <body>
        <header class="site screen-only">
        <a class="brand" href="/">Sổ tay công tác chi bộ</a>
        <nav><a href="/">Tài liệu</a> <a href="/checklist">Danh sách việc cần làm</a></nav>
        <form class="searchbox" action="/search" method="get" role="search">
        <input id="q" type="search" name="q" value="{{query}}" placeholder="Tìm, ví dụ: cu thu ky" aria-label="Từ cần tìm" autocomplete="off">
        <input type="hidden" name="partial" value="1">
        <button type="submit">Tìm</button>
        </form>
        </header>
        <main>
        {{$content}}{{/content}}
        </main>
        <footer class="site screen-only">Sổ tay điện tử chạy trên máy của chi bộ, không cần Internet.</footer>
        {{$scripts}}{{/scripts}}
        </body>
        </html>

        """

    static let home = """
        {{<layout}}
        {{$content}}
        <h1>Sổ tay công tác chi bộ</h1>
        <p class="lead">Tìm, đọc và in quy trình công tác chi bộ. Gõ có dấu hay không dấu đều tìm được.</p>
        <ul class="docs">
        {{#documents}}
        <li><a href="/docs/{{doc}}">{{title}}</a><span class="meta">{{readingMinutes}} phút đọc · {{views}} lượt xem</span></li>
        {{/documents}}
        </ul>
        <p><a class="button" href="/checklist">In danh sách việc cần làm cho buổi sinh hoạt</a></p>
        {{/content}}
        {{/layout}}
        """

    static let search = """
        {{<layout}}
        {{$title}}Tìm: {{query}} · Sổ tay công tác chi bộ{{/title}}
        {{$content}}
        <h1>Kết quả tìm kiếm</h1>
        <p id="summary" class="meta" aria-live="polite">{{summary}}{{#unfinished}} <a href="{{href}}">Tìm “{{text}}”</a>{{/unfinished}}</p>
        <ol id="results" class="results">
        {{#results}}
        <li><a href="{{url}}">{{label}}</a>
        <div class="crumbs">{{breadcrumb}}</div>
        <p class="snippet">{{#parts}}{{#matched}}<mark>{{text}}</mark>{{/matched}}{{^matched}}{{text}}{{/matched}}{{/parts}}</p>
        <span class="meta">{{readingMinutes}} phút đọc</span></li>
        {{/results}}
        </ol>
        {{/content}}
        {{$scripts}}
        <script>
        // Results follow the typing, through the JSON API; without JavaScript the form still works.
        (function () {
          var input = document.getElementById("q"), list = document.getElementById("results"),
              summary = document.getElementById("summary"), timer = null, last = input.value;
          function slug(s) {
            return s.normalize("NFD").replace(/[\\u0300-\\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase()
              .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
          }
          function anchor(r) { return r.section === "" ? "gioi-thieu" : "muc-" + slug(r.section); }
          function render(data) {
            list.textContent = "";
            data.results.forEach(function (r) {
              var li = document.createElement("li"), a = document.createElement("a");
              a.href = "/docs/" + encodeURIComponent(r.doc) + "#" + anchor(r);
              a.textContent = (r.section ? r.section + ". " : "") + r.title;
              var crumbs = document.createElement("div"); crumbs.className = "crumbs"; crumbs.textContent = r.path.join(" › ");
              var p = document.createElement("p"); p.className = "snippet";
              var at = 0;
              r.marks.forEach(function (m) {
                p.appendChild(document.createTextNode(r.snippet.slice(at, m[0])));
                var mark = document.createElement("mark"); mark.textContent = r.snippet.slice(m[0], m[1]);
                p.appendChild(mark); at = m[1];
              });
              p.appendChild(document.createTextNode(r.snippet.slice(at)));
              var meta = document.createElement("span"); meta.className = "meta"; meta.textContent = r.readingMinutes + " phút đọc";
              li.append(a, crumbs, p, meta); list.appendChild(li);
            });
            summary.textContent = data.results.length ? data.results.length + " kết quả cho “" + data.query + "”" : "Không tìm thấy mục nào cho “" + data.query + "”.";
          }
          // The text is sent as typed: a last word not yet followed by a space is read as the
          // beginning of a word (partial=1), as the form's own submission is.
          input.addEventListener("input", function () {
            clearTimeout(timer);
            timer = setTimeout(function () {
              var q = input.value.replace(/^\\s+/, "");
              if (!q.trim() || q === last) return;
              last = q;
              var params = "?q=" + encodeURIComponent(q) + "&partial=1";
              fetch("/api/search" + params).then(function (r) { return r.json(); }).then(function (data) {
                if (input.value.replace(/^\\s+/, "") !== q || !data.results) return;
                render(data);
                history.replaceState(null, "", "/search" + params);
              }).catch(function () {});
            }, 250);
          });
        })();
        </script>
        {{/scripts}}
        {{/layout}}
        """

    static let document = """
        {{<layout}}
        {{$title}}{{title}} · Sổ tay công tác chi bộ{{/title}}
        {{$content}}
        <article class="document">
        <h1>{{title}}</h1>
        <p class="meta">{{readingMinutes}} phút đọc · {{words}} âm tiết · {{views}} lượt xem</p>
        <nav class="toc screen-only" aria-label="Mục lục"><h2>Mục lục</h2>
        <ol>
        {{#toc}}
        <li class="level-{{level}}"><a href="#{{anchor}}">{{label}}</a> <span class="meta">{{readingMinutes}} phút</span></li>
        {{/toc}}
        </ol>
        </nav>
        {{#sections}}
        <section id="{{anchor}}" class="level-{{level}}">
        {{#top}}<h2>{{label}}</h2>{{/top}}{{^top}}<h3>{{label}}</h3>{{/top}}
        <p class="meta">{{readingMinutes}} phút đọc</p>
        {{#groups}}
        {{#isList}}<ul>{{#items}}<li>{{.}}</li>{{/items}}</ul>{{/isList}}
        {{^isList}}<p>{{text}}</p>{{/isList}}
        {{/groups}}
        </section>
        {{/sections}}
        </article>
        {{/content}}
        {{/layout}}
        """

    static let checklist = """
        {{<layout}}
        {{$title}}Danh sách việc cần làm · Sổ tay công tác chi bộ{{/title}}
        {{$content}}
        <div class="screen-only">
        <h1>Danh sách việc cần làm</h1>
        <form class="choose" action="/checklist" method="get">
        <label>Loại sinh hoạt
        <select name="kind">
        {{#kinds}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{title}}</option>{{/kinds}}
        </select></label>
        <label>Phần
        <select name="phase">
        <option value="">Cả buổi sinh hoạt</option>
        {{#phases}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{title}}</option>{{/phases}}
        </select></label>
        <label>Chi bộ <input name="chi_bo" value="{{chiBo}}" placeholder="Tên chi bộ"></label>
        <label>Ngày <input name="date" value="{{date}}" placeholder="ngày/tháng/năm"></label>
        <button type="submit">Xem danh sách</button>
        </form>
        {{#hasChecklist}}
        <p class="actions"><button type="button" onclick="window.print()">In danh sách</button>
        <a href="{{textURL}}">Tải bản văn bản (.txt)</a> · <a href="{{markdownURL}}">Tải bản Markdown (.md)</a>
        · <span class="meta">Khi in, mỗi phần nằm trên một trang A4.</span></p>
        {{/hasChecklist}}
        </div>
        {{{checklistHTML}}}
        {{/content}}
        {{/layout}}
        """

    static let error = """
        {{<layout}}
        {{$title}}{{heading}} · Sổ tay công tác chi bộ{{/title}}
        {{$content}}
        <div class="error">
        <h1>{{heading}}</h1>
        <p>{{message}}</p>
        <p><a href="/">Về trang chủ</a> · <a href="/checklist">Danh sách việc cần làm</a></p>
        </div>
        {{/content}}
        {{/layout}}
        """

    static let css = """
        :root { --ink: #1b1b1b; --muted: #5b5b5b; --accent: #a50e0e; --line: #ddd; }
        * { box-sizing: border-box; }
        body { margin: 0; font-family: "DejaVu Sans", "Noto Sans", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
          color: var(--ink); line-height: 1.55; font-size: 17px; }
        a { color: var(--accent); }
        header.site { display: flex; flex-wrap: wrap; gap: 0.5rem 1.2rem; align-items: center; padding: 0.7rem 1rem;
          border-bottom: 3px solid var(--accent); background: #fff8f0; }
        header.site .brand { font-weight: bold; text-decoration: none; font-size: 1.1rem; }
        header.site nav a { margin-right: 0.8rem; }
        .searchbox { display: flex; flex: 1 1 16rem; gap: 0.4rem; }
        .searchbox input { flex: 1; min-width: 0; font: inherit; padding: 0.35rem 0.5rem; border: 1px solid #999; border-radius: 4px; }
        button, .button { font: inherit; padding: 0.35rem 0.9rem; border: 1px solid var(--accent); background: var(--accent);
          color: #fff; border-radius: 4px; text-decoration: none; cursor: pointer; display: inline-block; }
        main { max-width: 50rem; margin: 0 auto; padding: 1rem; }
        footer.site { max-width: 50rem; margin: 2rem auto 1rem; padding: 0 1rem; color: var(--muted); font-size: 0.85rem; }
        .meta { color: var(--muted); font-size: 0.88rem; margin-left: 0.5rem; }
        p.meta { margin-left: 0; }
        .lead { font-size: 1.05rem; }
        ul.docs { padding-left: 1.2rem; } ul.docs li { margin: 0.4rem 0; }
        ol.results { padding-left: 1.4rem; } ol.results li { margin: 0 0 1.1rem; }
        .crumbs { color: var(--muted); font-size: 0.85rem; }
        .snippet { margin: 0.2rem 0; }
        mark { background: #ffe58a; padding: 0 0.1em; }
        .toc { border: 1px solid var(--line); border-radius: 6px; padding: 0.5rem 1rem; margin: 1rem 0 1.5rem; }
        .toc h2 { font-size: 1rem; margin: 0.3rem 0; } .toc ol { list-style: none; padding: 0; margin: 0; }
        .toc li.level-2 { padding-left: 1.2rem; } .toc li.level-3 { padding-left: 2.4rem; } .toc li.level-4 { padding-left: 3.6rem; }
        section.level-1 h2 { border-bottom: 1px solid var(--line); padding-bottom: 0.2rem; margin-top: 2rem; }
        section h3 { margin-bottom: 0.2rem; }
        form.choose { display: flex; flex-wrap: wrap; gap: 0.7rem 1rem; align-items: flex-end; margin: 1rem 0; }
        form.choose label { display: flex; flex-direction: column; font-size: 0.9rem; gap: 0.2rem; }
        form.choose select, form.choose input { font: inherit; padding: 0.3rem; min-width: 12rem; }
        .actions { margin: 0.5rem 0 1.5rem; }
        .error { text-align: center; padding: 2rem 0; }
        @media (max-width: 36rem) { body { font-size: 16px; } main { padding: 0.7rem; } form.choose select, form.choose input { min-width: 100%; } }
        @media print { header.site, footer.site, .screen-only { display: none !important; } main { max-width: none; padding: 0; } }
        \(ChecklistHTML.stylesheet)
        """
}
