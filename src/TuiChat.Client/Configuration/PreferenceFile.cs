using Tomlyn.Syntax;
using TuiChat.Cli.Configuration;
using TuiChat.Client.Core.Settings;

namespace TuiChat.Client.Configuration;

/// <summary>
/// <c>/save-config</c>: writes the settings changed in this session (<c>/set</c>, <c>/ignore</c>)
/// into the config file. The file is edited, not rewritten: Tomlyn keeps its syntax tree with
/// comments and layout, so only the changed values differ, and the rest (servers, comments, keys
/// the user wrote by hand) stays as it was. Written to a temporary file and renamed, so a crash
/// never leaves half a file.
/// </summary>
internal sealed class PreferenceFile : IPreferenceStore
{
    private readonly PreferenceCatalog _catalog;
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);

    public PreferenceFile(string path, PreferenceCatalog catalog, Preferences preferences)
    {
        ArgumentNullException.ThrowIfNull(preferences);
        Path = path;
        _catalog = catalog;
        preferences.Changed += (_, key) => _changed.Add(key);
    }

    public string Path { get; }

    public IReadOnlyList<string> Save(Preferences preferences)
    {
        DocumentSyntax document;
        try
        {
            document = File.Exists(Path) ? TomlConfigFile.Parse(Path) : new DocumentSyntax();
        }
        catch (ConfigException e)
        {
            // A file that is not valid TOML is not overwritten: the user's text would be lost.
            throw new IOException(e.Message + "; fix it first, nothing was written");
        }
        var written = new List<string>();
        foreach (Preference preference in _catalog.All.Where(p => _changed.Contains(p.Key)))
        {
            Put(document, preference.Section, preference.Name, ToSyntax(preference.Get(preferences)));
            written.Add(preference.Key);
        }

        string? folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }
        string temporary = Path + ".tmp";
        File.WriteAllText(temporary, document.ToString());
        File.Move(temporary, Path, overwrite: true);
        _changed.Clear();
        return written;
    }

    private static void Put(DocumentSyntax document, string section, string name, ValueSyntax value)
    {
        TableSyntaxBase? table = document.Tables.FirstOrDefault(t => t is TableSyntax && t.Name?.ToString().Trim() == section);
        if (table is null)
        {
            table = new TableSyntax(section);
            // A blank line before the new section, and a line break first if the file's last line has none.
            string text = document.ToString();
            if (text.Length > 0)
            {
                table.AddLeadingTriviaNewLine();
                if (!text.EndsWith('\n'))
                {
                    table.AddLeadingTriviaNewLine();
                }
            }
            document.Tables.Add(table);
        }
        if (table.Items.FirstOrDefault(e => TomlConfigFile.KeyOf(e) == name) is { } entry)
        {
            // The space after '=' and a comment after the value belong to the old value's tokens: keep them.
            if (entry.Value is { } old)
            {
                FirstToken(value).LeadingTrivia = FirstToken(old).LeadingTrivia;
                LastToken(value).TrailingTrivia = LastToken(old).TrailingTrivia;
            }
            entry.Value = value;
            return;
        }
        var added = new KeyValueSyntax(name, value);
        if (table.Items.LastOrDefault() is { } last && !last.ToString().EndsWith('\n'))
        {
            added.AddLeadingTriviaNewLine();
        }
        table.Items.Add(added);
    }

    private static SyntaxNode FirstToken(ValueSyntax value) => value is ArraySyntax array ? array.OpenBracket! : LastToken(value);

    private static SyntaxNode LastToken(ValueSyntax value) => value switch
    {
        ArraySyntax array => array.CloseBracket!,
        StringValueSyntax text => text.Token!,
        BooleanValueSyntax flag => flag.Token!,
        _ => value,
    };

    private static ValueSyntax ToSyntax(object value) => value switch
    {
        bool flag => new BooleanValueSyntax(flag),
        IReadOnlyList<string> list => new ArraySyntax([.. list]),
        _ => new StringValueSyntax(value.ToString() ?? ""),
    };
}
