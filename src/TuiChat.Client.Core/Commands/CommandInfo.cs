namespace TuiChat.Client.Core.Commands;

/// <summary>
/// One row of the command table: its name and aliases, how many words it needs before the free
/// text (if it takes any), and the help text that <c>/help</c> prints.
/// </summary>
public sealed record CommandInfo(
    CommandKind Kind,
    string Name,
    string Usage,
    string Help,
    int RequiredWords = 0,
    int OptionalWords = 0,
    bool TakesText = false,
    bool TextRequired = false,
    params string[] Aliases);
