using System.Globalization;
using System.Text;

namespace TuiChat.Cli.Configuration;

/// <summary>
/// Writes the effective settings as a config file (<c>--print-config</c>): every option that a file
/// may hold, with its value and, in a comment, where that value came from. The output can be
/// saved and passed back with <c>--config</c>.
/// </summary>
public static class SettingsPrinter
{
    public static void Print<TOptions>(TOptions options, LayeredSettings<TOptions> layers, TextWriter output)
    {
        foreach (OptionSpec option in OptionCatalog.Of<TOptions>().Where(o => !o.CommandLineOnly))
        {
            string source = layers.SourceOf(option);
            output.WriteLine(Toml(option.Property.GetValue(options)) is { } value
                ? $"{option.ConfigKey} = {value}  # {source}"
                : $"# {option.ConfigKey} = (not set)  # {source}");
        }
    }

    /// <summary>A value as TOML, or null for an unset one (TOML has no null).</summary>
    private static string? Toml(object? value) => value switch
    {
        null => null,
        bool flag => flag ? "true" : "false",
        string text => Quote(text),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        IFormattable number when value.GetType().IsPrimitive => number.ToString(null, CultureInfo.InvariantCulture),
        var other => Quote(other.ToString() ?? ""),
    };

    private static string Quote(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (char c in text)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when char.IsControl(c) => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }
        return quoted.Append('"').ToString();
    }
}
