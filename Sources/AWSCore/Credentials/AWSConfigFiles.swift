import Foundation

/// The AWS CLI's shared configuration files (`~/.aws/config` and `~/.aws/credentials`), loaded and merged like
/// botocore's `Session.full_config`.
public struct AWSConfigFiles: Sendable, Equatable {
    /// Path of the config file, or `nil` when there is none to read (no `AWS_CONFIG_FILE` and no `HOME`).
    public var configPath: String?
    /// Path of the credentials file, or `nil` when there is none to read.
    public var credentialsPath: String?
    /// Profiles of the config file: `[default]` and `[profile NAME]` sections.
    public var configProfiles: [String: AWSProfile]
    /// Profiles of the credentials file: `[NAME]` sections.
    public var credentialsProfiles: [String: AWSProfile]
    /// The config file's `[services NAME]` sections by name, each service's settings by its key (`secrets_manager`).
    public var servicesSections: [String: [String: [String: String]]]
    /// The config file's `[sso-session NAME]` sections by name.
    public var ssoSessions: [String: AWSProfile]

    public init(
        configPath: String?,
        credentialsPath: String?,
        configProfiles: [String: AWSProfile] = [:],
        credentialsProfiles: [String: AWSProfile] = [:],
        servicesSections: [String: [String: [String: String]]] = [:],
        ssoSessions: [String: AWSProfile] = [:]
    ) {
        self.servicesSections = servicesSections
        self.ssoSessions = ssoSessions
        self.configPath = configPath
        self.credentialsPath = credentialsPath
        self.configProfiles = configProfiles
        self.credentialsProfiles = credentialsProfiles
    }

    /// Reads the files named by `AWS_CONFIG_FILE` and `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/config` and
    /// `~/.aws/credentials` under `HOME`. Missing files count as empty.
    /// - Throws: `CredentialProviderError` (`.invalid`) naming the file and line of a syntax error.
    public static func load(environment: [String: String]) throws -> AWSConfigFiles {
        let paths = filePaths(environment: environment)
        return try load(configPath: paths.config, credentialsPath: paths.credentials)
    }

    /// Reads the given files; a `nil` or missing path counts as an empty file.
    /// - Throws: `CredentialProviderError` (`.invalid`) naming the file and line of a syntax error.
    public static func load(configPath: String?, credentialsPath: String?) throws -> AWSConfigFiles {
        var configProfiles: [String: AWSProfile] = [:]
        var servicesSections: [String: [String: [String: String]]] = [:]
        var ssoSessions: [String: AWSProfile] = [:]
        for section in try parse(path: configPath, kind: "config file") {
            if let name = servicesName(ofConfigSection: section.name) {
                servicesSections[name] = section.subsections
                continue
            }
            if let name = ssoSessionName(ofConfigSection: section.name) {
                ssoSessions[name] = AWSProfile(name: name, values: section.values)
                continue
            }
            guard let name = profileName(ofConfigSection: section.name) else { continue }
            configProfiles[name] = AWSProfile(name: name, values: section.values)
        }
        var credentialsProfiles: [String: AWSProfile] = [:]
        for section in try parse(path: credentialsPath, kind: "credentials file") {
            credentialsProfiles[section.name] = AWSProfile(name: section.name, values: section.values)
        }
        return AWSConfigFiles(
            configPath: configPath,
            credentialsPath: credentialsPath,
            configProfiles: configProfiles,
            credentialsProfiles: credentialsProfiles,
            servicesSections: servicesSections,
            ssoSessions: ssoSessions
        )
    }

    /// Where the files are, with `~` and `$VARIABLE` expanded as botocore does.
    public static func filePaths(environment: [String: String]) -> (config: String?, credentials: String?) {
        func path(variable: String, defaultPath: String) -> String? {
            let raw = environment[variable] ?? defaultPath
            let expanded = expandUser(expandVariables(raw, environment: environment), environment: environment)
            return expanded.hasPrefix("~") ? nil : expanded
        }
        return (
            path(variable: "AWS_CONFIG_FILE", defaultPath: "~/.aws/config"),
            path(variable: "AWS_SHARED_CREDENTIALS_FILE", defaultPath: "~/.aws/credentials")
        )
    }

    /// The profile the CLI selects: the explicit `--profile`, else `AWS_PROFILE`, else `AWS_DEFAULT_PROFILE`;
    /// `nil` means the implicit `default` profile, which, unlike a named one, may be absent.
    public static func selectedProfileName(explicit: String?, environment: [String: String]) -> String? {
        [explicit, environment["AWS_PROFILE"], environment["AWS_DEFAULT_PROFILE"]]
            .lazy.compactMap { $0 }.first { !$0.isEmpty }
    }

    /// A profile's settings, credentials-file values overriding config-file ones; `nil` if neither file has it.
    public func profile(named name: String) -> AWSProfile? {
        let fromConfig = configProfiles[name]
        let fromCredentials = credentialsProfiles[name]
        guard fromConfig != nil || fromCredentials != nil else { return nil }
        let values = (fromConfig?.values ?? [:]).merging(fromCredentials?.values ?? [:]) { $1 }
        return AWSProfile(name: name, values: values)
    }

    /// Every profile name of both files, sorted.
    public var profileNames: [String] {
        Set(configProfiles.keys).union(credentialsProfiles.keys).sorted()
    }

    /// The `region` setting of a profile, `nil` when the profile or the setting is absent.
    public func region(profile name: String) -> String? {
        profile(named: name)?.region
    }

    /// The profile, or the CLI's "profile not found" error listing the files searched.
    public func requireProfile(named name: String) throws -> AWSProfile {
        if let profile = profile(named: name) { return profile }
        let files = [configPath, credentialsPath].compactMap { $0 }
        let location = files.isEmpty ? "any shared config file (HOME is not set)" : files.joined(separator: ", ")
        throw CredentialProviderError(
            .invalid,
            provider: "shared config",
            message: "profile \(name) not found in \(location)"
        )
    }

    /// The region as the AWS CLI v2 resolves it: `explicit` (`--region`), else `AWS_REGION`, else
    /// `AWS_DEFAULT_REGION`, else the selected profile's `region`; `nil` when none is set.
    /// - Throws: `CredentialProviderError` when the files are malformed or a named profile does not exist.
    public static func resolveRegion(
        explicit: String?,
        profile: String?,
        environment: [String: String]
    ) throws -> String? {
        let fromEnvironment = [explicit, environment["AWS_REGION"], environment["AWS_DEFAULT_REGION"]]
            .lazy.compactMap { $0 }.first { !$0.isEmpty }
        if let fromEnvironment { return fromEnvironment }
        let files = try load(environment: environment)
        guard let name = selectedProfileName(explicit: profile, environment: environment) else {
            return files.region(profile: "default")
        }
        return try files.requireProfile(named: name).region
    }

    /// Maps a config-file section to its profile: `[default]`, or `[profile NAME]` split like `shlex`.
    static func profileName(ofConfigSection section: String) -> String? {
        if section == "default" { return section }
        guard section.hasPrefix("profile"), let words = try? ShellWords.split(section), words.count == 2 else {
            return nil
        }
        return words[1]
    }

    /// The name of an `[sso-session NAME]` section, split like `shlex`.
    static func ssoSessionName(ofConfigSection section: String) -> String? {
        guard section.hasPrefix("sso-session"), let words = try? ShellWords.split(section), words.count == 2,
            words[0] == "sso-session"
        else { return nil }
        return words[1]
    }

    /// The name of a `[services NAME]` section, split like `shlex`.
    static func servicesName(ofConfigSection section: String) -> String? {
        guard section.hasPrefix("services"), let words = try? ShellWords.split(section), words.count == 2,
            words[0] == "services"
        else { return nil }
        return words[1]
    }

    private static func parse(path: String?, kind: String) throws -> [INIFile.Section] {
        guard let path else { return [] }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            return []
        }
        let provider = "\(kind) \(path)"
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CredentialProviderError(.invalid, provider: provider, message: "cannot be read")
        }
        guard var text = String(data: data, encoding: .utf8) else {
            throw CredentialProviderError(.invalid, provider: provider, message: "is not valid UTF-8")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        do {
            return try INIFile.parse(text).sections
        } catch {
            throw CredentialProviderError(.invalid, provider: provider, message: "line \(error.line): \(error.reason)")
        }
    }

    /// `path` with the `HOME` directory written `~`, for messages.
    public static func abbreviatingHome(_ path: String, environment: [String: String]) -> String {
        guard let home = environment["HOME"], !home.isEmpty, home != "/", path.hasPrefix(home + "/") else { return path }
        return "~" + path.dropFirst(home.count)
    }

    /// `os.path.expanduser` for `~` and `~/…` (other users' homes are left alone).
    static func expandUser(_ path: String, environment: [String: String]) -> String {
        guard path == "~" || path.hasPrefix("~/"), let home = environment["HOME"], !home.isEmpty else { return path }
        return home + path.dropFirst()
    }

    /// `os.path.expandvars`: `$NAME` and `${NAME}` are replaced when set, left as they are otherwise.
    static func expandVariables(_ path: String, environment: [String: String]) -> String {
        guard path.contains("$") else { return path }
        func isNameCharacter(_ character: Character) -> Bool {
            character == "_" || character.isLetter || character.isNumber
        }
        var result = ""
        var index = path.startIndex
        while index < path.endIndex {
            guard path[index] == "$" else {
                result.append(path[index])
                index = path.index(after: index)
                continue
            }
            let afterDollar = path.index(after: index)
            var name: Substring?
            var next = afterDollar
            if afterDollar < path.endIndex, path[afterDollar] == "{" {
                if let close = path[afterDollar...].firstIndex(of: "}") {
                    name = path[path.index(after: afterDollar)..<close]
                    next = path.index(after: close)
                }
            } else {
                let stop = path[afterDollar...].firstIndex { !isNameCharacter($0) } ?? path.endIndex
                if stop > afterDollar {
                    name = path[afterDollar..<stop]
                    next = stop
                }
            }
            if let name, let value = environment[String(name)] {
                result += value
                index = next
            } else {
                result.append("$")
                index = afterDollar
            }
        }
        return result
    }
}
