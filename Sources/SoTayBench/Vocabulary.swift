import Foundation

/// Vietnamese words for generated handbook material: the vocabulary of Party documents,
/// with every tone and đ, ordered roughly from common to rare, plus synthetic rare syllables.
enum Vocabulary {
    /// Two-syllable words and common phrases, most frequent first.
    static let words: [String] = """
        đảng viên, chi bộ, sinh hoạt, đồng chí, cấp ủy, nghị quyết, thực hiện, nội dung, chủ trì, thảo luận,
        kết luận, đánh giá, công tác, chất lượng, nhiệm vụ, lãnh đạo, biên bản, thư ký, ý kiến, tổ chức,
        kiểm tra, giám sát, phê bình, tự phê bình, kỷ luật, chính trị, tư tưởng, đạo đức, lối sống, quần chúng,
        đoàn thể, chính quyền, cơ quan, đơn vị, địa phương, kế hoạch, báo cáo, thông báo, chương trình, thời gian,
        chuyên đề, định kỳ, kết hợp, phân công, trách nhiệm, quy định, hướng dẫn, điều lệ, trung ương, tỉnh ủy,
        huyện ủy, đảng ủy, ban thường vụ, bí thư, phó bí thư, chi ủy, tổ đảng, dự bị, chính thức, kết nạp,
        chuyển sinh hoạt, miễn sinh hoạt, đảng phí, học tập, quán triệt, triển khai, tuyên truyền, vận động, dân chủ, tập trung,
        thống nhất, biểu quyết, bảo lưu, thỏa đáng, hoà hợp, thủy lợi, khỏe mạnh, tuỳ theo, xây dựng, chỉnh đốn,
        phát triển, kinh tế, xã hội, quốc phòng, an ninh, văn hóa, giáo dục, y tế, môi trường, nông thôn,
        đô thị, doanh nghiệp, người lao động, thanh niên, phụ nữ, cựu chiến binh, mặt trận, tổ quốc, nhân dân, đất nước,
        cán bộ, công chức, viên chức, tiêu chuẩn, tiêu chí, xếp loại, hoàn thành, xuất sắc, khen thưởng, vi phạm,
        khiển trách, cảnh cáo, cách chức, khai trừ, khiếu nại, tố cáo, giải quyết, kiến nghị, đề xuất, nguyện vọng,
        tâm tư, phản ánh, thẩm quyền, thẩm định, phê duyệt, ban hành, sửa đổi, bổ sung, thay thế, hiệu lực,
        năm, tháng, quý, tuần, ngày, đầu năm, cuối năm, sơ kết, tổng kết, nhiệm kỳ,
        đại hội, hội nghị, phiên họp, cuộc họp, buổi sinh hoạt, chủ tọa, đại biểu, khách mời, vắng mặt, có mặt,
        lý do, họ tên, chữ ký, con dấu, văn bản, mẫu, phụ lục, điều, khoản, mục,
        được, không, có, và, của, các, những, cho, với, trong, để, theo, về, đối với, trên, dưới, khi, sau, trước, đã, sẽ, đang, cần, phải,
        rõ ràng, đầy đủ, kịp thời, nghiêm túc, thường xuyên, cụ thể, chặt chẽ, hiệu quả, thiết thực, đúng đắn,
        đường lối, chủ trương, chính sách, pháp luật, nhà nước, hiến pháp, độc lập, tự do, hạnh phúc, chủ nghĩa,
        Mác, Lênin, tư tưởng Hồ Chí Minh, tấm gương, làm theo, nêu gương, đột phá, đổi mới, sáng tạo, đoàn kết,
        đồng thuận, động viên, khích lệ, ủng hộ, giúp đỡ, bồi dưỡng, rèn luyện, phấn đấu, trưởng thành, gắn bó,
        ruộng đất, lúa gạo, đường sá, cầu cống, điện nước, trường học, trạm xá, chợ búa, nhà văn hóa, sân vận động,
        ngữ cảnh, lưỡng lự, ẩn dụ, mỹ thuật, kỹ thuật, kỳ họp, ký kết, kỷ niệm, quỹ, lũy kế,
        """.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }.filter {
            !$0.isEmpty
        }

    static let onsets = [
        "", "b", "c", "ch", "d", "đ", "g", "gi", "h", "kh", "l", "m", "n", "ng", "nh", "ph", "qu", "r", "s", "t", "th",
        "tr", "v", "x",
    ]
    static let vowels = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]
    static let codas = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"]
    /// Combining tone marks: none, huyền, sắc, hỏi, ngã, nặng.
    static let tones = ["", "\u{0300}", "\u{0301}", "\u{0309}", "\u{0303}", "\u{0323}"]
}
