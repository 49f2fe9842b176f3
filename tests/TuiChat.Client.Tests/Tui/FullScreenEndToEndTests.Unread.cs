using System.Globalization;
using System.Text.RegularExpressions;
using TuiChat.Client.Core.Connection;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Tests.Tui;

/// <summary>A registered user's unread lines across a logout, another client, and a search far back.</summary>
public sealed partial class FullScreenEndToEndTests
{
    private const string PasswordVariable = "TUICHAT_E2E_PASSWORD";
    private const string Password = "correct horse 42";

    [TmuxFact]
    public async Task ARegisteredUser_SeesItsUnreadLinesAtTheNextLogin_ReadingThemInAnotherClientClearsThem_AndSearchReaches500LinesBack()
    {
        int port = await StartServerAsync("--rate", "0");
        string login = $"--password-env {PasswordVariable}";
        string environment = $"{PasswordVariable}='{Password}'";

        // alice registers, joins #games and quits.
        LaunchClient("alice", port, extra: login + " --register", environment: environment);
        WaitForScreen("alice", "you joined #general");
        _tmux.Type("alice", "/join #games");
        _tmux.Press("alice", "Enter");
        WaitForScreen("alice", "you joined #games");
        _tmux.Press("alice", "C-q");
        WaitForScreen("alice", "client exited with 0");

        // While she is away bob says something worth finding, then 500 lines, then 5 lines in #games.
        await using ChatConnection bob = new(new ChatConnectionOptions { Host = "127.0.0.1", Port = port, User = "bob" });
        await bob.ConnectAsync();
        await bob.JoinAsync("#games");
        await bob.SendMessageAsync("#general", "a agulha está no palheiro do celeiro");
        for (int i = 1; i <= 500; i++)
        {
            await bob.SendMessageAsync("#general", "linha " + i.ToString(CultureInfo.InvariantCulture));
        }
        MsgOk last = null!;
        for (int i = 1; i <= 5; i++)
        {
            last = await bob.SendMessageAsync("#games", "jogada " + i.ToString(CultureInfo.InvariantCulture));
        }

        // At her next login #games shows the 5 she has not read.
        LaunchClient("alice", port, session: "alice-again", extra: login, environment: environment);
        Poll.Until(() => Regex.IsMatch(_tmux.Capture("alice-again"), @"│#games +\(5\)"), Deadline,
            () => "#games does not show 5 unread:\n" + _tmux.Capture("alice-again"));

        // She reads them on another device: this screen's count goes.
        await using ChatConnection phone = new(new ChatConnectionOptions { Host = "127.0.0.1", Port = port, User = "alice", Password = Password });
        await phone.ConnectAsync();
        await phone.MarkReadAsync("#games", last.MsgId);
        // (A "·" may stay: joins and leaves are not unread lines.)
        Poll.Until(() => Regex.IsMatch(_tmux.Capture("alice-again"), @"│#games +·?│"), Deadline,
            () => "#games still shows unread lines after another client read them:\n" + _tmux.Capture("alice-again"));

        // The line 505 lines back is found.
        _tmux.Type("alice-again", "/search agulha");
        _tmux.Press("alice-again", "Enter");
        WaitForScreen("alice-again", "bob: a agulha está no palheiro do celeiro");
    }
}
