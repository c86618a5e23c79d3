/// A printable checklist of a meeting, or of one phase of it, derived from a procedure document.
public struct Checklist: Sendable, Equatable, Codable {
    /// The meeting kind's id: "dinh-ky", "chuyen-de", "ket-hop".
    public var kind: String
    /// "Sinh hoạt định kỳ".
    public var title: String
    /// The procedure document the checklist comes from.
    public var doc: String
    public var documentTitle: String
    public var chiBo: String?
    public var date: String?
    public var phases: [Phase]

    public struct Phase: Sendable, Equatable, Codable {
        /// "mo-dau", "to-chuc-sinh-hoat", "ket-thuc".
        public var phase: String
        /// "Phần mở đầu".
        public var title: String
        /// The section the phase is written in ("1.1"); several for a combined meeting ("1.3, 2.3").
        public var source: String
        /// Who leads the phase, from its lead-in ("Đồng chí chủ trì buổi sinh hoạt").
        public var responsible: String?
        /// Where the items come from when the phase refers to another ("như sinh hoạt định kỳ, mục 1.1").
        public var reference: String?
        public var items: [Item]
        /// Guidance printed under the items, without a box.
        public var notes: [String]
    }

    public struct Item: Sendable, Equatable, Codable {
        public var text: String
        /// The section the item was written in.
        public var source: String
        /// Figures the item asks for, printed as labelled blanks.
        public var fields: [Field]

        public init(text: String, source: String, fields: [Field] = []) {
            self.text = text
            self.source = source
            self.fields = fields
        }
    }

    /// A blank to fill in by hand: "Tổng số đảng viên: ___ (chính thức: ___, dự bị: ___)".
    public struct Field: Sendable, Equatable, Codable {
        public enum Kind: String, Sendable, Codable {
            /// A number.
            case count
            /// Words: names, reasons.
            case text
        }

        public var label: String
        public var kind: Kind
        /// Counts that make up this one ("chính thức", "dự bị").
        public var parts: [String]
        /// What to write beside the figure ("ghi rõ họ tên").
        public var note: String?
    }
}

/// A meeting kind of a procedure and its phases, before a chi bộ and date are filled in.
public struct MeetingKind: Sendable, Equatable {
    public var id: String
    public var title: String
    /// The section of the kind ("1"); the kinds a combined meeting joins ("1, 2").
    public var source: String
    public var phases: [Checklist.Phase]
}

/// The meeting kinds of one procedure document.
public struct Procedure: Sendable, Equatable {
    public var doc: String
    public var title: String
    public var kinds: [MeetingKind]

    /// The checklist of `kind`, optionally of one phase only.
    public func checklist(kind: MeetingKind, phase: Checklist.Phase? = nil, chiBo: String? = nil, date: String? = nil)
        -> Checklist
    {
        Checklist(
            kind: kind.id, title: kind.title, doc: doc, documentTitle: title, chiBo: chiBo, date: date,
            phases: phase.map { [$0] } ?? kind.phases)
    }
}
