using System.Net.Sockets;
using TuiChat.Client.Core;
using TuiChat.Client.Core.Connection;
using TuiChat.Client.Core.Security;
using TuiChat.Client.Core.ViewModels;
using TuiChat.Protocol;

namespace TuiChat.Client.Menu;

/// <summary>
/// The numbered-menu client for plain stdin/stdout (ssh sessions, dumb terminals, scripts).
/// Every prompt ends without a newline and reads exactly one line, so a script can feed
/// answers line by line; end of input quits cleanly with exit code 0. Incoming messages print
/// as "[#room] HH:mm user: text" above the prompt. Lines starting with "/" at the choice
/// prompt run as input-line commands (e.g. "/save fileId").
/// </summary>
public sealed class MenuClient
{
    private const string ChoicePrompt = "choice> ";

    private readonly ChatViewModel _chat;
    private readonly MenuConsole _console;
    private readonly string _downloads;
    private readonly IReadOnlyList<(string Key, string Label, Func<Task> Action)> _entries;

    private MenuClient(ChatViewModel chat, MenuConsole console, string downloads)
    {
        _chat = chat;
        _console = console;
        _downloads = downloads;
        _entries =
        [
            ("1", "send to a room", SendToRoomAsync),
            ("2", "private message", PrivateMessageAsync),
            ("3", "create group", CreateGroupAsync),
            ("4", "send to group", SendToGroupAsync),
            ("5", "send file", SendFileAsync),
            ("6", "list users online", () => _chat.ListUsersAsync()),
            ("7", "list rooms and groups", () => _chat.ListRoomsAsync()),
            ("8", "join room", JoinRoomAsync),
            ("9", "help", ShowHelpAsync),
            ("10", "save a received file", SaveFileAsync),
            ("0", "quit", () => _chat.QuitAsync()),
        ];
    }

    /// <summary>Runs the menu until "0", "/quit" or end of input. Returns the process exit code.</summary>
    public static int Run(ChatSettings settings, IChatConnection connection, TextReader input, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(connection);
        var console = new MenuConsole(input, output);
        using var chat = new ChatViewModel(connection, new InlineUiDispatcher(), settings);
        chat.LineAdded += (_, e) =>
        {
            if (!e.FromHistory)
            {
                console.WriteLine(e.Conversation is null ? e.Line.Display : $"[{e.Conversation.Name}] {e.Line.Display}");
            }
        };

        try
        {
            chat.StartAsync().GetAwaiter().GetResult();
        }
        catch (ChatRequestException e)
        {
            console.WriteLine($"login failed: {e.Message} ({e.Code})");
            return 2;
        }
        catch (Exception e) when (ConnectFailures.IsConnectFailure(e))
        {
            console.WriteLine($"cannot connect to {connection.ServerAddress}: {e.Message}");
            return 1;
        }

        console.WriteLine($"logged in as {chat.UserName} at {connection.ServerAddress}");
        return new MenuClient(chat, console, settings.DownloadsFolder).Loop();
    }

    private int Loop()
    {
        PrintMenu();
        bool quit = false;
        _chat.QuitRequested += (_, _) => quit = true;
        while (!quit)
        {
            string? choice = _console.Prompt(ChoicePrompt);
            if (choice is null)
            {
                Guard(() => _chat.QuitAsync("end of input"));
                break;
            }
            if (choice.Length == 0)
            {
                continue;
            }
            if (choice.StartsWith('/'))
            {
                _chat.ExecuteAsync(choice).GetAwaiter().GetResult();
                continue;
            }
            var entry = _entries.FirstOrDefault(e => e.Key == choice);
            if (entry.Action is null)
            {
                _console.WriteLine($"no menu entry {choice}; 9 shows the menu");
                continue;
            }
            Guard(entry.Action);
        }
        _console.WriteLine("bye");
        return 0;
    }

    private void PrintMenu()
    {
        foreach (var (key, label, _) in _entries)
        {
            _console.WriteLine($"{key,2}  {label}");
        }
    }

    private Task ShowHelpAsync()
    {
        PrintMenu();
        _console.WriteLine("At the choice prompt you may also type any /command, e.g. /save fileId [name], /msg bob hi, /help.");
        _console.WriteLine("Received files show as \"… sent name (size) · /save fileId\"; save them with 10 or /save fileId.");
        _console.WriteLine($"Saved files go to {Path.GetFullPath(_downloads)}.");
        return Task.CompletedTask;
    }

    private async Task SendToRoomAsync()
    {
        if (Ask("room> ") is not { } room || Ask("text> ") is not { } text)
        {
            return;
        }
        await _chat.SendAsync(WithPrefix(room, NameRules.RoomPrefix), text).ConfigureAwait(false);
    }

    private async Task PrivateMessageAsync()
    {
        if (Ask("user> ") is not { } user || Ask("text> ") is not { } text)
        {
            return;
        }
        await _chat.SendAsync(user, text).ConfigureAwait(false);
    }

    private async Task CreateGroupAsync()
    {
        if (Ask("group> ") is not { } group)
        {
            return;
        }
        string members = _console.Prompt("members (space-separated)> ") ?? "";
        await _chat.CreateGroupAsync(group, members.Split(' ', ',', StringSplitOptions.RemoveEmptyEntries)).ConfigureAwait(false);
    }

    private async Task SendToGroupAsync()
    {
        if (Ask("group> ") is not { } group || Ask("text> ") is not { } text)
        {
            return;
        }
        await _chat.SendAsync(WithPrefix(group, NameRules.GroupPrefix), text).ConfigureAwait(false);
    }

    private async Task SendFileAsync()
    {
        if (Ask("to (#room, +group or user)> ") is not { } target || Ask("path> ") is not { } path)
        {
            return;
        }
        await _chat.SendFileAsync(target, path).ConfigureAwait(false);
    }

    private async Task JoinRoomAsync()
    {
        if (Ask("room> ") is { } room)
        {
            await _chat.JoinAsync(room).ConfigureAwait(false);
        }
    }

    private async Task SaveFileAsync()
    {
        if (Ask("fileId> ") is not { } fileId)
        {
            return;
        }
        string? name = _console.Prompt("name (empty for the default)> ");
        await _chat.SaveFileAsync(fileId, string.IsNullOrEmpty(name) ? null : name).ConfigureAwait(false);
    }

    /// <summary>Reads a required answer; an empty answer or end of input cancels the entry.</summary>
    private string? Ask(string prompt)
    {
        string? answer = _console.Prompt(prompt);
        if (string.IsNullOrEmpty(answer))
        {
            _console.WriteLine("cancelled");
            return null;
        }
        return answer;
    }

    /// <summary>Runs a menu action; refusals and local errors print as "error: …" and the menu goes on.</summary>
    private void Guard(Func<Task> action)
    {
        try
        {
            action().GetAwaiter().GetResult();
        }
        catch (ChatRequestException e)
        {
            _console.WriteLine($"error: {e.Message} ({e.Code})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            _console.WriteLine("error: " + e.Message);
        }
    }

    private static string WithPrefix(string name, char prefix) => NameRules.IsRoomName(name) ? name : prefix + name;
}
