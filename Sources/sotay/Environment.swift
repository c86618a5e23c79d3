import Foundation

/// The process's environment variables, one at a time.
enum Environment {
    /// By getenv(3): `ProcessInfo.environment` copies the whole environment into a new
    /// dictionary on every call, and a search's output asks for variables on every line.
    static func value(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}
