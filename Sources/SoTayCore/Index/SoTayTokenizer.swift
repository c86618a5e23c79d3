import GRDB

/// The FTS5 tokenizer `sotay`: ``Folding`` over the raw UTF-8 FTS5 hands it, so the index
/// folds exactly as queries do, `đ` included, and offsets point into the original text.
final class SoTayTokenizer: FTS5CustomTokenizer {
    static let name = "sotay"

    init(db: Database, arguments: [String]) throws {}

    func tokenize(
        context: UnsafeMutableRawPointer?,
        tokenization: FTS5Tokenization,
        pText: UnsafePointer<CChar>?,
        nText: CInt,
        tokenCallback: @escaping FTS5TokenCallback
    ) -> CInt {
        guard let pText, nText > 0 else { return 0 }
        let bytes = UnsafeBufferPointer(
            start: UnsafeRawPointer(pText).assumingMemoryBound(to: UInt8.self), count: Int(nText))
        var code: CInt = 0  // SQLITE_OK
        // A full build's inserts also number the tokens for the top lists (``SectionTerms``).
        guard tokenization.contains(.document), let terms = SectionTerms.current else {
            Folding.scan(bytes) { folded, start, end in
                guard code == 0 else { return }
                code = Self.hand(folded, start, end, context, tokenCallback)
            }
            return code
        }
        terms.column(bytes: bytes.count) { record in
            Folding.scan(bytes) { folded, start, end in
                guard code == 0 else { return }
                code = Self.hand(folded, start, end, context, tokenCallback)
                record(folded)
            }
        }
        return code
    }

    @inline(__always)
    private static func hand(
        _ folded: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ context: UnsafeMutableRawPointer?,
        _ tokenCallback: FTS5TokenCallback
    ) -> CInt {
        UnsafeRawBufferPointer(folded).withMemoryRebound(to: CChar.self) { token in
            tokenCallback(context, 0, token.baseAddress, CInt(token.count), CInt(start), CInt(end))
        }
    }
}
