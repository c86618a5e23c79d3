import SoTayCore

/// Handbooks a one-shot command leaves open: the process ends right after its output, and
/// the operating system reclaims a connection faster than an orderly close.
enum KeptOpen {
    nonisolated(unsafe) private static var handbooks: [Handbook] = []

    static func untilExit(_ handbook: Handbook) {
        handbooks.append(handbook)
    }
}
