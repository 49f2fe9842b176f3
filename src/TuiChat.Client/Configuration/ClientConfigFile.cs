using Tomlyn.Syntax;
using TuiChat.Cli.Configuration;
using TuiChat.Client.Core.Settings;

namespace TuiChat.Client.Configuration;

/// <summary>What the config file says: option values for the launcher, the user's preferences, and each line that could not be used.</summary>
/// <param name="Options">Top-level keys (and the chosen <c>[servers.NAME]</c>'s) as command-line tokens, to be read before the real command line.</param>
/// <param name="Problems">One line each: "file:line: key: what is wrong"; the rest of the file still counts.</param>
internal sealed record ClientConfig(IReadOnlyList<SettingValue> Options, Preferences Preferences, IReadOnlyList<string> Problems);

/// <summary>
/// Reads the client's <c>config.toml</c>. The top level holds the long option names, as the
/// server's file does (<see cref="TomlConfigFile"/>, whose entry reader this uses): <c>host</c>,
/// <c>port</c>, <c>user</c>…; <c>[servers.NAME]</c> tables hold the same keys for
/// <c>--server NAME</c>; every other table is a section of <see cref="PreferenceCatalog"/>
/// (<c>[display]</c>, <c>[notify]</c>, <c>[people]</c>, <c>[keys]</c>, <c>[theme]</c>…). Unlike the server, a bad
/// line does not stop the client: it is reported once and the default stays.
/// </summary>
internal static class ClientConfigFile
{
    public const string ServersSection = "servers";

    /// <summary><c>$XDG_CONFIG_HOME/tuichat/config.toml</c>, else <c>~/.config/tuichat/config.toml</c>.</summary>
    public static string DefaultPath(Func<string, string?> environment)
    {
        string? home = environment("XDG_CONFIG_HOME");
        if (string.IsNullOrEmpty(home))
        {
            home = Path.Combine(environment("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        }
        return Path.Combine(home, "tuichat", "config.toml");
    }

    /// <summary>Reads <paramref name="path"/>; a missing file is no problem unless <paramref name="named"/> (given with --config).</summary>
    /// <exception cref="ConfigException"><paramref name="server"/> is given and the file has no such server.</exception>
    public static ClientConfig Load(string path, bool named, string? server, PreferenceCatalog catalog)
    {
        var preferences = new Preferences();
        var problems = new List<string>();
        var options = new List<SettingValue>();
        DocumentSyntax? document = null;
        if (!File.Exists(path))
        {
            if (named)
            {
                problems.Add($"{path}: no such file; the defaults are used (/save-config creates it)");
            }
        }
        else
        {
            try
            {
                document = TomlConfigFile.Parse(path);
            }
            catch (ConfigException e)
            {
                problems.Add(e.Message + "; the defaults are used");
            }
        }

        bool serverFound = false;
        if (document is not null)
        {
            ReadOptions(path, document.KeyValues, options, problems);
            foreach (TableSyntaxBase table in document.Tables)
            {
                string section = table.Name?.ToString().Trim() ?? "";
                if (section.StartsWith(ServersSection + ".", StringComparison.Ordinal))
                {
                    bool chosen = section == ServersSection + "." + server;
                    serverFound |= chosen;
                    ReadOptions(path, table.Items, chosen ? options : [], problems);
                }
                else if (table is TableSyntax && catalog.Sections.Contains(section))
                {
                    ReadSection(path, section, table.Items, catalog, preferences, problems);
                }
                else
                {
                    problems.Add($"{TomlConfigFile.Where(path, table.Span)}: [{section}]: unknown section; the sections are "
                        + string.Join(", ", catalog.Sections.Append(ServersSection + ".NAME").Select(s => "[" + s + "]")));
                }
            }
        }
        if (server is not null && !serverFound)
        {
            throw new ConfigException($"{path}: --server {server}: the file has no [{ServersSection}.{server}] section");
        }
        return new ClientConfig(options, preferences, problems);
    }

    private static void ReadOptions(string path, IEnumerable<KeyValueSyntax> entries, List<SettingValue> into, List<string> problems)
    {
        foreach (KeyValueSyntax entry in entries)
        {
            try
            {
                into.Add(TomlConfigFile.ReadEntry<ClientOptions>(path, entry));
            }
            catch (ConfigException e)
            {
                problems.Add(e.Message);
            }
        }
    }

    private static void ReadSection(string path, string section, IEnumerable<KeyValueSyntax> entries, PreferenceCatalog catalog,
        Preferences preferences, List<string> problems)
    {
        foreach (KeyValueSyntax entry in entries)
        {
            string key = section + "." + TomlConfigFile.KeyOf(entry);
            string? problem = ValueOf(entry.Value) is { } value
                ? catalog.TrySet(preferences, key, value)
                : $"{key}: expected a string, true or false, or a list of strings";
            if (problem is not null)
            {
                problems.Add($"{TomlConfigFile.Where(path, entry.Span)}: {problem}");
            }
        }
    }

    /// <summary>A TOML value as the catalog takes it: a string, a bool, or a list of strings; null for anything else.</summary>
    private static object? ValueOf(ValueSyntax? value) => value switch
    {
        StringValueSyntax text => text.Value ?? "",
        BooleanValueSyntax flag => flag.Value,
        ArraySyntax array when array.Items.All(i => i.Value is StringValueSyntax) =>
            (IReadOnlyList<string>)array.Items.Select(i => ((StringValueSyntax)i.Value!).Value ?? "").ToArray(),
        _ => null,
    };
}
