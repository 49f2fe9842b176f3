using System.Globalization;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace TuiChat.Cli.Configuration;

/// <summary>
/// Reads a flat TOML config file whose keys are the long option names (<c>port = 5000</c>,
/// <c>max-file-mb = 100</c>). TOML because the file is written by people: comments, no quoting
/// of numbers, and every key has a line the error message can point at (Tomlyn keeps the syntax
/// tree with positions). Anything that is not a known option with a value of its type is an
/// error naming the file, the line and the key.
/// </summary>
public static class TomlConfigFile
{
    public static IReadOnlyList<SettingValue> Read<TOptions>(string path)
    {
        DocumentSyntax document = Parse(path);
        if (document.Tables.FirstOrDefault() is { } table)
        {
            throw new ConfigException($"{Where(path, table.Span)}: [{table.Name?.ToString().Trim()}]: sections are not used; put every key at the top level");
        }
        return document.KeyValues.Select(entry => ReadEntry<TOptions>(path, entry)).ToList();
    }

    /// <summary>Reads and parses the file; a file that cannot be read or is not valid TOML throws the one line that says where.</summary>
    public static DocumentSyntax Parse(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"{path}: cannot read the config file: {e.Message}");
        }

        DocumentSyntax document = SyntaxParser.Parse(text, path, validate: true);
        if (document.Diagnostics.FirstOrDefault(d => d.Kind == DiagnosticMessageKind.Error) is { } syntax)
        {
            throw new ConfigException($"{Where(path, syntax.Span)}: not valid TOML: {syntax.Message}");
        }
        return document;
    }

    /// <summary>One <c>key = value</c> line whose key is a long option name, as the tokens that set that option.</summary>
    public static SettingValue ReadEntry<TOptions>(string path, KeyValueSyntax entry)
    {
        string where = Where(path, entry.Span);
        string key = KeyOf(entry);
        if (OptionCatalog.Of<TOptions>().FirstOrDefault(o => o.ConfigKey == key) is not { } option)
        {
            throw new ConfigException($"{where}: {key}: unknown setting; the keys are the long option names (--help lists them)");
        }
        if (option.CommandLineOnly)
        {
            throw new ConfigException($"{where}: {key}: only allowed on the command line ({option.Flag})");
        }

        string shown = entry.Value?.ToString().Trim() ?? "";
        // The TOML type must fit the option's: a port is an integer, an address a string.
        bool number = option.ValueType == typeof(double) || option.ValueType == typeof(float);
        bool whole = option.ValueType == typeof(int) || option.ValueType == typeof(long);
        IReadOnlyList<string>? tokens = entry.Value switch
        {
            BooleanValueSyntax flag when option.IsSwitch => flag.Value ? [option.Flag] : [],
            IntegerValueSyntax i when whole || number => [option.Flag, i.Value.ToString(CultureInfo.InvariantCulture)],
            FloatValueSyntax f when number => [option.Flag, f.Value.ToString("R", CultureInfo.InvariantCulture)],
            StringValueSyntax s when !option.IsSwitch && !whole && !number => [option.Flag, s.Value ?? ""],
            _ => null,
        };
        return tokens is null
            ? throw new ConfigException($"{where}: {key}: expected {option.ValueKind}, got {shown}")
            : SettingValue.Checked<TOptions>(option, tokens, where, shown);
    }

    /// <summary>"file:line" of a place in the file, as every message about it starts.</summary>
    public static string Where(string path, SourceSpan span) => $"{path}:{span.Start.Line + 1}";

    /// <summary>The key of an entry as written, without quotes.</summary>
    public static string KeyOf(KeyValueSyntax entry) => entry.Key?.ToString().Trim().Trim('"', '\'') ?? "";
}
