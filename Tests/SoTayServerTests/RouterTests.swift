import Foundation
import Hummingbird
import HummingbirdTesting
import SoTayCore
import Testing

@testable import SoTayServer

@Suite("The web handbook's pages")
struct PageTests {
    @Test("Home lists the documents with reading time and view count, and a search box")
    func home() async throws {
        try await TestSite().get("/") { response in
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            #expect(
                response.text.contains(
                    "<a href=\"/docs/quy-trinh-sinh-hoat-chi-bo\">Quy trình sinh hoạt chi bộ</a>"))
            #expect(response.text.contains("5 phút đọc · 0 lượt xem"))
            #expect(response.text.contains("<form class=\"searchbox\" action=\"/search\""))
            #expect(response.text.contains("lang=\"vi\""))
        }
    }

    @Test("Search results link to their section, with breadcrumb, marked snippet and reading time")
    func search() async throws {
        let site = try TestSite()
        try await site.application().test(.router) { client in
            try await client.execute(uri: "/search?q=cu+thu+ky", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("<a href=\"/docs/quy-trinh-sinh-hoat-chi-bo#muc-1-1\">1.1. Phần mở đầu</a>"))
                #expect(html.contains("Quy trình sinh hoạt chi bộ › Đối với sinh hoạt định kỳ › Phần mở đầu"))
                #expect(html.contains("<mark>Cử thư ký</mark> cuộc họp"))
                #expect(html.contains("1 phút đọc"))
                #expect(html.contains("value=\"cu thu ky\""))
                #expect(html.contains("fetch(\"/api/search\" + params)"))
                #expect(html.contains("encodeURIComponent(q) + \"&partial=1\""))
                // The form's own submission reads the last word as the search box's script does.
                #expect(html.contains("<input type=\"hidden\" name=\"partial\" value=\"1\">"))
            }
            // Half-typed in the search box: "lu" begins "lưu".
            try await client.execute(uri: "/search?q=bao+lu&partial=1", method: .get) { response in
                #expect(response.text.contains("#muc-1-2\">1.2. Phần tổ chức sinh hoạt</a>"))
                #expect(response.text.contains("value=\"bao lu\""))
            }
            // A shared link without the search box's reading: the page offers it.
            try await client.execute(uri: "/search?q=bao+lu", method: .get) { response in
                #expect(response.text.contains("Không tìm thấy mục nào cho “bao lu”. Từ cuối chưa gõ hết?"))
                #expect(response.text.contains("<a href=\"/search?q=bao%20lu&amp;partial=1\">Tìm “bao lu…”</a>"))
            }
            // Nothing to offer when no word begins so, nor for a last word followed by a space.
            for uri in ["/search?q=bao+zzq", "/search?q=bao+lu+"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.text.contains("Thử bớt từ hoặc gõ không dấu."), "\(uri)")
                    #expect(!response.text.contains("partial=1\">"), "\(uri)")
                }
            }
            try await client.execute(
                uri: "/search?q=%C4%90%E1%BA%A3ng%20vi%C3%AAn%20d%E1%BB%B1%20b%E1%BB%8B", method: .get
            ) { response in
                #expect(response.text.contains("#muc-1-1\">1.1. Phần mở đầu</a>"))
            }
            try await client.execute(uri: "/search?q=zzzqqq", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Không tìm thấy mục nào cho “zzzqqq”"))
            }
            try await client.execute(uri: "/search", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Hãy nhập từ cần tìm"))
            }
            let long = Array(repeating: "sinh+hoat", count: 20).joined(separator: "+")
            try await client.execute(uri: "/search?q=\(long)", method: .get) { response in
                #expect(response.text.contains("chỉ tìm theo 24 từ đầu"))
            }
        }
    }

    @Test("What the visitor typed is escaped when echoed back")
    func escaping() async throws {
        let site = try TestSite()
        try await site.application().test(.router) { client in
            let attack = "%3Cscript%3Ealert(1)%3C%2Fscript%3E%22%3E%3Cimg%20src%3Dx%3E%20bao%20luu"
            try await client.execute(uri: "/search?q=\(attack)", method: .get) { response in
                #expect(response.status == .ok)
                #expect(!response.text.contains("<script>alert(1)"))
                #expect(!response.text.contains("<img src=x>"))
                #expect(
                    response.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x&gt; bao luu"))
            }
            try await client.execute(uri: "/checklist?kind=dinh-ky&chi_bo=%3Cb%3EX%3C%2Fb%3E", method: .get) {
                response in
                #expect(!response.text.contains("<b>X</b>"))
                #expect(response.text.contains("&lt;b&gt;X&lt;/b&gt;"))
            }
        }
    }

    @Test("Corpus text is escaped too")
    func corpusEscaping() async throws {
        let site = try TestSite(extraFiles: [
            "html.md": "# Thử <b>đậm</b>\n\n## 1. Mục <script>\n\nVăn bản & <i>nghiêng</i>.\n"
        ])
        try await site.application().test(.router) { client in
            try await client.execute(uri: "/docs/html", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Thử &lt;b&gt;đậm&lt;/b&gt;"))
                #expect(response.text.contains("Văn bản &amp; &lt;i&gt;nghiêng&lt;/i&gt;."))
                #expect(!response.text.contains("<i>nghiêng"))
            }
            try await client.execute(uri: "/search?q=nghieng", method: .get) { response in
                #expect(response.text.contains("<mark>nghiêng</mark>"))
                #expect(response.text.contains("&lt;i&gt;"))
            }
        }
    }

    @Test("A document page has the full text, an outline with anchors, reading times and the view count")
    func document() async throws {
        let site = try TestSite()
        try await site.application().test(.router) { client in
            try await client.execute(uri: "/docs/quy-trinh-sinh-hoat-chi-bo", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(
                    html.contains(
                        "<a href=\"#muc-1-2\">1.2. Phần tổ chức sinh hoạt</a> <span class=\"meta\">2 phút</span>"))
                #expect(html.contains("<section id=\"muc-1-2\" class=\"level-2\">"))
                #expect(html.contains("<section id=\"gioi-thieu\" class=\"level-1\">"))
                #expect(html.contains("<li>Giới thiệu đại biểu (nếu có).</li>"))
                #expect(html.contains("5 phút đọc · 910 âm tiết · 1 lượt xem"))
                #expect(html.contains("thỏa đáng"))
            }
            try await client.execute(uri: "/docs/quy-trinh-sinh-hoat-chi-bo", method: .get) { response in
                #expect(response.text.contains("· 2 lượt xem"))
            }
        }
    }

    @Test("The checklist page: choose, see, print, download")
    func checklist() async throws {
        let site = try TestSite()
        try await site.application().test(.router) { client in
            try await client.execute(uri: "/checklist", method: .get) { response in
                #expect(response.status == .ok)
                #expect(
                    response.text.contains("<option value=\"ket-hop\">Kết hợp sinh hoạt định kỳ với chuyên đề</option>")
                )
                #expect(!response.text.contains("In danh sách"))
            }
            try await client.execute(uri: "/checklist?kind=chuyen&phase=mo&chi_bo=Chi+b%E1%BB%99+3", method: .get) {
                response in
                let html = response.text
                #expect(html.contains("<option value=\"chuyen-de\" selected>"))
                #expect(html.contains("<option value=\"mo-dau\" selected>"))
                #expect(html.contains("Thực hiện như sinh hoạt định kỳ, mục 1.1."))
                #expect(html.contains("Chi bộ: Chi bộ 3"))
                #expect(html.contains("onclick=\"window.print()\""))
                #expect(html.contains("@page { size: A4"))
                #expect(
                    html.contains(
                        "href=\"/checklist.txt?kind=chuyen-de&amp;phase=mo-dau&amp;chi_bo=Chi%20b%E1%BB%99%203\""))
            }
            try await client.execute(
                uri: "/checklist.txt?kind=chuyen-de&phase=mo-dau&chi_bo=Chi%20b%E1%BB%99%203", method: .get
            ) { response in
                #expect(response.status == .ok)
                #expect(
                    response.headers[.contentDisposition] == "attachment; filename=\"danh-sach-chuyen-de-mo-dau.txt\"")
                #expect(response.text.contains("☐ Giới thiệu đại biểu (nếu có)."))
                #expect(response.text.contains("Chi bộ: Chi bộ 3"))
            }
            // A "+" in a name stays a "+" in the download link, which a query would read as a space.
            try await client.execute(uri: "/checklist?kind=dinh-ky&chi_bo=Chi%20b%E1%BB%99%20A%2BB", method: .get) {
                response in
                #expect(response.text.contains("chi_bo=Chi%20b%E1%BB%99%20A%2BB\""))
            }
            try await client.execute(uri: "/checklist.md?kind=ket-hop", method: .get) { response in
                #expect(response.headers[.contentType] == "text/markdown; charset=utf-8")
                #expect(response.text.hasPrefix("# Danh sách việc cần làm: Kết hợp sinh hoạt định kỳ với chuyên đề"))
            }
        }
    }

    @Test(
        "Errors are Vietnamese pages with a way back and the right status",
        arguments: [
            ("/khong-co", 404, "Không có trang này trong sổ tay."),
            ("/docs/khong-co", 404, "Không có tài liệu \"khong-co\""),
            ("/checklist?kind=xyz", 400, "Không có loại sinh hoạt \"xyz\""),
            ("/checklist?kind=sinh", 400, "khớp nhiều loại sinh hoạt"),
            ("/checklist?kind=dinh-ky&phase=phan", 400, "khớp nhiều phần"),
            ("/search?q=-dang", 400, "chỉ có từ loại trừ"),
            ("/checklist.txt", 400, "Không có loại sinh hoạt"),
        ])
    func errors(uri: String, status: Int, message: String) async throws {
        try await TestSite().get(uri) { response in
            #expect(response.status.code == status)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            #expect(response.text.contains(HTML.escape(message)), "\(response.text)")
            #expect(response.text.contains("<a href=\"/\">Về trang chủ</a>"))
        }
    }

    @Test(
        "No path outside the routes is reachable, encoded or not",
        arguments: [
            "/../../etc/passwd", "/docs/..%2F..%2Fetc%2Fpasswd", "/%2e%2e/%2e%2e/etc/passwd",
            "/docs/../../Package.swift",
            "/api/docs/..%2Fsection", "/corpus/quy-trinh-sinh-hoat-chi-bo.txt", "/.sotay/index.sqlite",
        ])
    func traversal(uri: String) async throws {
        try await TestSite().get(uri) { response in
            #expect(response.status == .notFound)
            #expect(!response.text.contains("root:"))
            #expect(!response.text.contains("PackageDescription"))
        }
    }

    @Test("Requests are bounded: long URLs, bodies and other methods are refused")
    func limits() async throws {
        let site = try TestSite()
        try await site.application().test(.router) { client in
            let long = String(repeating: "a", count: 5000)
            try await client.execute(uri: "/search?q=\(long)", method: .get) { response in
                #expect(response.status == .uriTooLong)
            }
            try await client.execute(uri: "/search", method: .post, body: ByteBuffer(string: "q=x")) { response in
                #expect(response.status == .methodNotAllowed)
            }
        }
    }
}

@Suite("The JSON API")
struct APITests {
    @Test("/api/search has the CLI's shape and honours limit")
    func search() async throws {
        try await TestSite().get("/api/search?q=bao+luu&limit=1") { response in
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            let json = try #require(try response.json() as? [String: Any])
            #expect(json["query"] as? String == "bao luu")
            let results = try #require(json["results"] as? [[String: Any]])
            #expect(results.count == 1)
            #expect(results[0]["section"] as? String == "1.2")
            #expect(
                Set(results[0].keys) == ["doc", "section", "title", "path", "snippet", "marks", "readingMinutes"])
        }
    }

    @Test("/api/search?partial=1 reads the last word as the beginning of a word, as the search box sends it")
    func partial() async throws {
        let site = try TestSite()
        try await site.application().test(.router) { client in
            for (uri, sections) in [
                ("/api/search?q=bao+lu&partial=1", ["1.2"]), ("/api/search?q=bao+lu+&partial=1", []),
                ("/api/search?q=bao+lu", []), ("/api/search?q=b%E1%BA%A3o+l%C6%B0&partial=1", ["1.2"]),
            ] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok)
                    let json = try #require(try response.json() as? [String: Any])
                    let results = try #require(json["results"] as? [[String: Any]])
                    #expect(results.prefix(1).compactMap { $0["section"] as? String } == sections, "\(uri)")
                    #expect((json["query"] as? String)?.hasSuffix(" ") == false)
                }
            }
        }
    }

    @Test("/api/docs, /api/docs/{slug} and its sections have the documented shapes")
    func documents() async throws {
        let site = try TestSite()
        try await site.application().test(.router) { client in
            try await client.execute(uri: "/api/docs", method: .get) { response in
                let docs = try #require(try response.json() as? [[String: Any]])
                #expect(docs.count == 1)
                #expect(Set(docs[0].keys) == ["doc", "title", "words", "readingMinutes", "views"])
                #expect(docs[0]["readingMinutes"] as? Int == 5)
            }
            try await client.execute(uri: "/api/docs/quy-trinh-sinh-hoat-chi-bo", method: .get) { response in
                let outline = try #require(try response.json() as? [String: Any])
                #expect(outline["title"] as? String == "Quy trình sinh hoạt chi bộ")
                #expect((outline["sections"] as? [[String: Any]])?.count == 3)
            }
            for (number, title) in [
                ("1.2", "Phần tổ chức sinh hoạt"), ("0", "Giới thiệu"), ("1.2.", "Phần tổ chức sinh hoạt"),
            ] {
                try await client.execute(uri: "/api/docs/quy-trinh-sinh-hoat-chi-bo/sections/\(number)", method: .get) {
                    response in
                    #expect(response.status == .ok)
                    let section = try #require(try response.json() as? [String: Any])
                    #expect(section["title"] as? String == title)
                    #expect(section["path"] != nil && section["children"] != nil && section["text"] != nil)
                }
            }
        }
    }

    @Test("/api/checklist returns the checklist JSON")
    func checklist() async throws {
        try await TestSite().get("/api/checklist?kind=dinh-ky&phase=ket-thuc") { response in
            let json = try #require(try response.json() as? [String: Any])
            #expect(json["kind"] as? String == "dinh-ky")
            let phases = try #require(json["phases"] as? [[String: Any]])
            #expect(phases.count == 1)
            #expect((phases[0]["items"] as? [Any])?.count == 6)
        }
    }

    @Test(
        "Errors are JSON with a Vietnamese message and the right status",
        arguments: [
            ("/api/search?q=", 400, "Hãy nhập từ cần tìm"),
            ("/api/search?q=dang&limit=0", 400, "limit phải là số từ 1 đến 100"),
            ("/api/search?q=dang&limit=abc", 400, "limit phải là số từ 1 đến 100"),
            ("/api/docs/khong-co", 404, "Không có tài liệu"),
            ("/api/docs/quy-trinh-sinh-hoat-chi-bo/sections/9.9", 404, "Không có mục \"9.9\""),
            ("/api/checklist", 400, "dinh-ky, chuyen-de, ket-hop"),
            ("/api/checklist?kind=dinh-ky&phase=zz", 400, "không có phần \"zz\""),
            ("/api/khong-co", 404, "Không có trang này"),
        ])
    func errors(uri: String, status: Int, message: String) async throws {
        try await TestSite().get(uri) { response in
            #expect(response.status.code == status)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            let json = try #require(try response.json() as? [String: Any])
            #expect((json["error"] as? String)?.contains(message) == true, "\(json)")
            #expect(json["status"] as? Int == status)
        }
    }
}

@Suite("Views and index reloads")
struct ViewAndReloadTests {
    @Test("N concurrent visits count N, in their own file, and a rebuild of the index keeps them")
    func concurrentViews() async throws {
        let site = try TestSite()
        let views = try site.views()
        let visits = 40
        try await site.application(views: views).test(.router) { client in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<visits {
                    group.addTask {
                        try await client.execute(uri: "/docs/quy-trinh-sinh-hoat-chi-bo", method: .get) { response in
                            #expect(response.status == .ok)
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        #expect(try views.count("quy-trinh-sinh-hoat-chi-bo") == visits)
        try IndexBuilder.build(corpus: site.corpus, to: site.index, options: .init(full: true))
        try await site.application(views: views).test(.router) { client in
            try await client.execute(uri: "/api/docs", method: .get) { response in
                let docs = try #require(try response.json() as? [[String: Any]])
                #expect(docs[0]["views"] as? Int == visits)
            }
        }
    }

    @Test("A rebuilt index is picked up without a restart")
    func reload() async throws {
        let site = try TestSite()
        try await site.application().test(.router) { client in
            try await client.execute(uri: "/api/search?q=ky+luat+dang", method: .get) { response in
                let json = try response.json() as? [String: Any]
                #expect((json?["results"] as? [Any])?.isEmpty == true)
            }
            try "1. Kỷ luật Đảng\n\nNội dung về kỷ luật đảng viên.\n".write(
                toFile: site.corpus + "/ky-luat.txt", atomically: true, encoding: .utf8)
            try IndexBuilder.build(corpus: site.corpus, to: site.index)
            try await Task.sleep(for: .milliseconds(Int(HandbookSource.checkInterval * 1000) + 100))
            try await client.execute(uri: "/api/search?q=ky+luat+dang", method: .get) { response in
                let results = try #require((try response.json() as? [String: Any])?["results"] as? [[String: Any]])
                #expect(results.first?["doc"] as? String == "ky-luat")
            }
        }
    }

    @Test("An unwritable views file leaves counting off, not the site")
    func unwritableViews() throws {
        #expect(throws: IndexError.self) { try ViewStore(path: "/proc/sotay/views.sqlite") }
    }
}
