using TuiChat.Client.Core.Commands;

namespace TuiChat.Client.Core.Tests.Commands;

public sealed class CommandParserTests
{
    [Theory]
    [InlineData("hello there", CommandKind.Say, "", "hello there")]
    [InlineData("/join #games", CommandKind.Join, "#games", "")]
    [InlineData("/JOIN #games", CommandKind.Join, "#games", "")]
    [InlineData("/leave", CommandKind.Leave, "", "")]
    [InlineData("/part #x", CommandKind.Leave, "#x", "")]
    [InlineData("/msg bob  hi   there ", CommandKind.Msg, "bob", "hi   there")]
    [InlineData("/create +team bob carol", CommandKind.Create, "+team", "bob carol")]
    [InlineData("/create +solo", CommandKind.Create, "+solo", "")]
    [InlineData("/invite dave", CommandKind.Invite, "dave", "")]
    [InlineData("/kick dave", CommandKind.Kick, "dave", "")]
    [InlineData("/kick dave chega de spam", CommandKind.Kick, "dave", "chega de spam")]
    [InlineData("/topic new topic", CommandKind.Topic, "", "new topic")]
    [InlineData("/topic #games new topic", CommandKind.Topic, "", "#games new topic")]
    [InlineData("/topic", CommandKind.Topic, "", "")]
    [InlineData("/file /tmp/my file.txt", CommandKind.File, "", "/tmp/my file.txt")]
    [InlineData("/save", CommandKind.Save, "", "")]
    [InlineData("/save f1", CommandKind.Save, "f1", "")]
    [InlineData("/save f1 notes.txt", CommandKind.Save, "f1 notes.txt", "")]
    [InlineData("/users", CommandKind.Users, "", "")]
    [InlineData("/rooms", CommandKind.Rooms, "", "")]
    [InlineData("/list", CommandKind.Rooms, "", "")]
    [InlineData("/me waves", CommandKind.Me, "", "waves")]
    [InlineData("/shutdown going down", CommandKind.Shutdown, "", "going down")]
    [InlineData("/quit", CommandKind.Quit, "", "")]
    [InlineData("/sair", CommandKind.Quit, "", "")]
    [InlineData("/exit", CommandKind.Quit, "", "")]
    [InlineData("/help", CommandKind.Help, "", "")]
    public void Parse_RecognisesEveryCommand(string line, CommandKind kind, string words, string text)
    {
        ParsedCommand parsed = CommandParser.Parse(line);

        Assert.Equal(kind, parsed.Kind);
        Assert.Equal(words, string.Join(' ', parsed.Words));
        Assert.Equal(text, parsed.Text);
        Assert.Null(parsed.Error);
    }

    [Theory]
    [InlineData("/join")]
    [InlineData("/join #a #b")]
    [InlineData("/msg bob")]
    [InlineData("/file")]
    [InlineData("/save f1 a.txt extra")]
    [InlineData("/users everyone")]
    [InlineData("/me")]
    public void Parse_WrongArguments_IsInvalidWithUsage(string line)
    {
        ParsedCommand parsed = CommandParser.Parse(line);

        Assert.Equal(CommandKind.Invalid, parsed.Kind);
        Assert.StartsWith("usage: /", parsed.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/nope")]
    [InlineData("/\u001b[31m")]
    public void Parse_UnknownCommand_PointsToHelp(string line)
    {
        ParsedCommand parsed = CommandParser.Parse(line);

        Assert.Equal(CommandKind.Unknown, parsed.Kind);
        Assert.Contains("/help", parsed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void HelpLines_CoverTheWholeTable()
    {
        Assert.Equal(CommandTable.All.Count + 1, CommandTable.HelpLines.Count);
        Assert.Contains(CommandTable.HelpLines, l => l.Contains("/quit", StringComparison.Ordinal) && l.Contains("/sair", StringComparison.Ordinal));
    }
}
