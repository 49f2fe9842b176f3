namespace TuiChat.Client.Core.Commands;

/// <summary>
/// An input line taken apart: the command, its words (e.g. the room, the user), and the free text
/// that follows them (message, topic, path). <see cref="Error"/> is set for <see cref="CommandKind.Invalid"/>
/// and <see cref="CommandKind.Unknown"/>.
/// </summary>
public sealed record ParsedCommand(CommandKind Kind, IReadOnlyList<string> Words, string Text, string? Error = null)
{
    public string? Word(int index) => index < Words.Count ? Words[index] : null;
}
