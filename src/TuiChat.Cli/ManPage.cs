using System.Globalization;
using System.Text;

namespace TuiChat.Cli;

/// <summary>
/// What a binary's manual says besides its options: the options themselves come from the
/// <c>[Option]</c> definitions of <see cref="OptionsType"/>, never written out by hand.
/// </summary>
/// <param name="Name">The command (<c>tuichat-server</c>).</param>
/// <param name="Summary">One line for NAME.</param>
/// <param name="OptionsType">The CommandLineParser options class.</param>
/// <param name="Configurable">Whether the options also come from a config file and TUICHAT_* variables.</param>
/// <param name="Description">Markdown for DESCRIPTION.</param>
/// <param name="Sections">More sections after OPTIONS (title, markdown), e.g. EXIT STATUS.</param>
public sealed record ToolManual(string Name, string Summary, Type OptionsType, bool Configurable, string Description, IReadOnlyList<(string Title, string Body)> Sections);

/// <summary>Renders a <see cref="ToolManual"/> as a man-style Markdown page (docs/NAME.1.md).</summary>
public static class ManPage
{
    public static string Render(ToolManual manual)
    {
        IReadOnlyList<OptionSpec> options = OptionCatalog.Of(manual.OptionsType);
        var page = new StringBuilder();
        page.Append(CultureInfo.InvariantCulture, $"# {manual.Name}(1)\n\n");
        page.Append("<!-- Generated from the [Option] definitions by scripts/gen-man.sh; edit the code, not this file. -->\n\n");
        page.Append(CultureInfo.InvariantCulture, $"## NAME\n\n{manual.Name} - {manual.Summary}\n\n");
        page.Append(CultureInfo.InvariantCulture, $"## SYNOPSIS\n\n```\n{Synopsis(manual.Name, options)}\n```\n\n");
        page.Append(CultureInfo.InvariantCulture, $"## DESCRIPTION\n\n{manual.Description.Trim()}\n\n");
        page.Append("## OPTIONS\n\n");
        foreach (OptionSpec option in options)
        {
            page.Append(OptionEntry(option, manual.Configurable));
        }
        page.Append("- **`--help`**: print this list of options to standard output and exit 0.\n");
        page.Append("- **`--version`**: print the name and version and exit 0.\n\n");
        if (manual.Configurable)
        {
            page.Append("## ENVIRONMENT\n\n");
            foreach (OptionSpec option in options.Where(o => !o.CommandLineOnly))
            {
                page.Append(CultureInfo.InvariantCulture, $"- `{option.EnvironmentVariable}`: sets `{option.Flag}`.\n");
            }
            page.Append('\n');
        }
        foreach ((string title, string body) in manual.Sections)
        {
            page.Append(CultureInfo.InvariantCulture, $"## {title}\n\n{body.Trim()}\n\n");
        }
        return page.ToString().TrimEnd('\n') + "\n";
    }

    private static string Synopsis(string name, IReadOnlyList<OptionSpec> options)
    {
        var lines = new List<string>();
        var line = new StringBuilder(name);
        foreach (OptionSpec option in options)
        {
            string item = option.IsSwitch ? $"[{option.Flag}]" : $"[{option.Flag} {option.ValueName}]";
            if (line.Length + 1 + item.Length > 78)
            {
                lines.Add(line.ToString());
                line.Clear().Append(' ', name.Length);
            }
            line.Append(' ').Append(item);
        }
        lines.Add(line.ToString());
        return string.Join('\n', lines);
    }

    private static string OptionEntry(OptionSpec option, bool configurable)
    {
        string flag = option.IsSwitch ? option.Flag : $"{option.Flag} {option.ValueName}";
        var notes = new List<string>();
        if (option.DefaultText is { } defaultText && !option.IsSwitch)
        {
            notes.Add($"default `{defaultText}`");
        }
        if (configurable)
        {
            notes.Add(option.CommandLineOnly
                ? "command line only"
                : $"file key `{option.ConfigKey}`, environment `{option.EnvironmentVariable}`");
        }
        string suffix = notes.Count == 0 ? "" : $" ({string.Join("; ", notes)})";
        return $"- **`{flag}`**: {option.Attribute.HelpText}{suffix}\n";
    }
}
