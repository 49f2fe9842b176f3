namespace TuiChat.Client.Core.Commands;

/// <summary>
/// Turns an input line into a <see cref="ParsedCommand"/> using <see cref="CommandTable"/>. Never
/// throws: anything it cannot make sense of comes back as <see cref="CommandKind.Unknown"/> or
/// <see cref="CommandKind.Invalid"/> with a line of help. "//text" sends "/text" as plain text.
/// </summary>
public static class CommandParser
{
    public static ParsedCommand Parse(string? line)
    {
        string input = (line ?? "").Trim();
        if (!input.StartsWith('/') || input.Length == 1 && input == "/")
        {
            return new ParsedCommand(CommandKind.Say, [], input);
        }
        if (input.StartsWith("//", StringComparison.Ordinal))
        {
            return new ParsedCommand(CommandKind.Say, [], input[1..]);
        }

        string rest = input[1..];
        string name = NextWord(ref rest);
        CommandInfo? info = CommandTable.Find(name);
        if (info is null)
        {
            return new ParsedCommand(CommandKind.Unknown, [], "", $"unknown command /{name}; type /help for the list");
        }

        var words = new List<string>();
        for (int i = 0; i < info.RequiredWords + info.OptionalWords; i++)
        {
            string word = NextWord(ref rest);
            if (word.Length == 0)
            {
                break;
            }
            words.Add(word);
        }
        string text = rest.Trim();

        if (words.Count < info.RequiredWords || info.TextRequired && text.Length == 0 || !info.TakesText && text.Length > 0)
        {
            return new ParsedCommand(CommandKind.Invalid, words, text, "usage: " + info.Usage);
        }
        return new ParsedCommand(info.Kind, words, text);
    }

    /// <summary>Takes the next space-separated word off the front of <paramref name="rest"/>.</summary>
    private static string NextWord(ref string rest)
    {
        rest = rest.TrimStart();
        int end = rest.IndexOfAny([' ', '\t']);
        string word = end < 0 ? rest : rest[..end];
        rest = end < 0 ? "" : rest[end..];
        return word;
    }
}
