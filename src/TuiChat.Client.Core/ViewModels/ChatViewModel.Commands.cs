using TuiChat.Client.Core.Commands;
using TuiChat.Client.Core.Connection;
using TuiChat.Protocol;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.ViewModels;

/// <summary>What each input-line command does. Failures become notices in the selected conversation.</summary>
public sealed partial class ChatViewModel
{
    /// <summary>Sends <paramref name="text"/> to a room/group ("#x", "+x") or a user.</summary>
    public async Task SendAsync(string target, string text)
    {
        string to = StripAt(target);
        if (await SealIfDirectAsync(to, text).ConfigureAwait(false) is { } wire)
        {
            await _connection.SendMessageAsync(to, wire).ConfigureAwait(false);
        }
    }

    /// <summary>Joins (or creates) a public room and selects it. "general" means "#general".</summary>
    public async Task JoinAsync(string room)
    {
        RoomOk ok = await _connection.JoinAsync(WithPrefix(room, NameRules.RoomPrefix)).ConfigureAwait(false);
        Post(() => SelectNow(ApplyRoomReply(ok)));
    }

    /// <summary>Creates a private group with <paramref name="members"/> and selects it. "team" means "+team".</summary>
    public async Task CreateGroupAsync(string group, IReadOnlyList<string> members)
    {
        RoomOk ok = await _connection.CreateGroupAsync(WithPrefix(group, NameRules.GroupPrefix), members).ConfigureAwait(false);
        Post(() => SelectNow(ApplyRoomReply(ok)));
    }

    public async Task LeaveAsync(string room)
    {
        await _connection.LeaveAsync(room).ConfigureAwait(false);
    }

    /// <summary>The users online, as notices: "online (3): alice, bob (admin), carol (guest)".</summary>
    public async Task<IReadOnlyList<UserInfo>> ListUsersAsync()
    {
        IReadOnlyList<UserInfo> users = await _connection.ListUsersAsync().ConfigureAwait(false);
        foreach (UserInfo user in users)
        {
            RememberUser(user.User, user.Role);
        }
        IEnumerable<string> names = users
            .Where(u => u.Online)
            .OrderBy(u => u.User, StringComparer.OrdinalIgnoreCase)
            .Select(u => u.Role is Roles.Admin or Roles.Guest ? $"{u.User} ({u.Role})" : u.User);
        Notice($"online ({users.Count(u => u.Online)}): {string.Join(", ", names)}");
        return users;
    }

    /// <summary>Public rooms and the user's groups, one notice each: "#general — 3 members — topic".</summary>
    public async Task<IReadOnlyList<RoomInfo>> ListRoomsAsync()
    {
        IReadOnlyList<RoomInfo> rooms = await _connection.ListRoomsAsync().ConfigureAwait(false);
        Notice($"rooms and groups ({rooms.Count}):");
        foreach (RoomInfo room in rooms.OrderBy(r => r.Private).ThenBy(r => r.Room, StringComparer.OrdinalIgnoreCase))
        {
            string topic = string.IsNullOrEmpty(room.Topic) ? "" : " — " + Text.TextSanitizer.ForLine(room.Topic);
            string kind = room.Private ? "group" : "room";
            Notice($"{room.Room} — {kind}, {room.Members} member{(room.Members == 1 ? "" : "s")}{topic}");
        }
        return rooms;
    }

    /// <summary>Sends <c>quit</c> (best effort) and raises <see cref="QuitRequested"/>.</summary>
    public async Task QuitAsync(string? reason = null)
    {
        try
        {
            await _connection.QuitAsync(string.IsNullOrWhiteSpace(reason) ? null : reason).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ChatRequestException or IOException or ObjectDisposedException)
        {
            // Leaving must work even when the server is already gone.
        }
        QuitRequested?.Invoke(this, EventArgs.Empty);
    }

    private async Task RunCommandAsync(ParsedCommand command)
    {
        try
        {
            await RunAsync(command).ConfigureAwait(false);
        }
        catch (ChatRequestException e)
        {
            Notice(Describe(e));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            Notice("error: " + e.Message);
        }
        catch (Encryption.EndToEndException e)
        {
            Warn(e.Message);
        }
    }

    private async Task RunAsync(ParsedCommand command)
    {
        switch (command.Kind)
        {
            case CommandKind.Say when command.Text.Length > 0:
                await SendAsync(RequireSelected().Target, command.Text).ConfigureAwait(false);
                break;
            case CommandKind.Say:
                break;
            case CommandKind.Me:
                await SendAsync(RequireSelected().Target, LogLine.ActionPrefix + command.Text).ConfigureAwait(false);
                break;
            case CommandKind.Join:
                await JoinAsync(command.Words[0]).ConfigureAwait(false);
                break;
            case CommandKind.Leave:
                await LeaveOrCloseAsync(command.Word(0)).ConfigureAwait(false);
                break;
            case CommandKind.Msg:
                string user = StripAt(command.Words[0]);
                await SendAsync(user, command.Text).ConfigureAwait(false);
                Post(() => GetOrAdd(user, ConversationKind.Direct));
                break;
            case CommandKind.Create:
                string[] members = command.Text.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(StripAt).ToArray();
                await CreateGroupAsync(command.Words[0], members).ConfigureAwait(false);
                break;
            case CommandKind.Invite:
                await _connection.InviteAsync(RequireRoom().Target, StripAt(command.Words[0])).ConfigureAwait(false);
                break;
            case CommandKind.Kick:
                await _connection.KickAsync(RequireRoom().Target, StripAt(command.Words[0])).ConfigureAwait(false);
                break;
            case CommandKind.Topic:
                await _connection.SetTopicAsync(RequireRoom().Target, command.Text).ConfigureAwait(false);
                break;
            case CommandKind.File:
                await SendFileAsync(RequireSelected().Target, command.Text).ConfigureAwait(false);
                break;
            case CommandKind.Save:
                await SaveFileAsync(command.Word(0) ?? NewestFileOfferHere().FileId, command.Word(1)).ConfigureAwait(false);
                break;
            case CommandKind.Verify:
                await VerifyAsync(StripAt(command.Words[0]), command.Word(1)).ConfigureAwait(false);
                break;
            case CommandKind.Trust:
                await TrustAsync(StripAt(command.Words[0])).ConfigureAwait(false);
                break;
            case CommandKind.Users:
                await ListUsersAsync().ConfigureAwait(false);
                break;
            case CommandKind.Rooms:
                await ListRoomsAsync().ConfigureAwait(false);
                break;
            case CommandKind.Shutdown:
                await _connection.ShutdownServerAsync(command.Text.Length == 0 ? null : command.Text).ConfigureAwait(false);
                break;
            case CommandKind.Quit:
                await QuitAsync(command.Text).ConfigureAwait(false);
                break;
            case CommandKind.Help:
                Post(() =>
                {
                    foreach (string line in HelpLines)
                    {
                        AddNotice(null, line);
                    }
                });
                break;
            default:
                Notice(command.Error ?? "type /help for the list of commands");
                break;
        }
    }

    /// <summary>/leave in a room or group leaves it; in a direct conversation it just closes it.</summary>
    private async Task LeaveOrCloseAsync(string? named)
    {
        ConversationViewModel? conversation = named is null ? Selected : Find(named);
        if (named is not null && conversation is null && NameRules.IsRoomName(named))
        {
            await LeaveAsync(named).ConfigureAwait(false);
            return;
        }
        if (conversation is null)
        {
            throw new ArgumentException(named is null ? "no conversation is selected" : $"no conversation named {named}");
        }
        if (conversation.Kind != ConversationKind.Direct)
        {
            await LeaveAsync(conversation.Target).ConfigureAwait(false);
            return;
        }
        Post(() =>
        {
            int index = Conversations.IndexOf(conversation);
            Conversations.Remove(conversation);
            if (Selected == conversation)
            {
                Selected = null;
                if (Conversations.Count > 0)
                {
                    SelectNow(Conversations[Math.Min(index, Conversations.Count - 1)]);
                }
            }
        });
    }

    /// <summary>Brings a <c>join</c>/<c>create</c> reply into the conversation list (UI thread).</summary>
    private ConversationViewModel ApplyRoomReply(RoomOk ok)
    {
        ConversationViewModel room = GetOrAdd(ok.Room, ok.Private ? ConversationKind.Group : null);
        if (!room.IsJoined)
        {
            // The reply may come before or after our own "joined" event; whichever is first says so.
            room.IsJoined = true;
            AddNotice(room, $"you joined {room.Name}", LineKind.JoinLeave);
        }
        room.Topic = Text.TextSanitizer.ForLine(ok.Topic);
        room.Members.Clear();
        foreach (string member in ok.Members.Order(StringComparer.OrdinalIgnoreCase))
        {
            RememberUser(member);
            room.Members.Add(new MemberViewModel(member, RoleOf(member), online: true, IsSelf(member)));
        }
        return room;
    }

    private ConversationViewModel RequireSelected() =>
        Selected ?? throw new ArgumentException("no conversation is selected: /join #room or /msg user text first");

    private ConversationViewModel RequireRoom()
    {
        ConversationViewModel selected = RequireSelected();
        return selected.Kind == ConversationKind.Direct
            ? throw new ArgumentException("select a room or group first")
            : selected;
    }

    private static string WithPrefix(string name, char prefix) => NameRules.IsRoomName(name) ? name : prefix + name;

    private static string StripAt(string name) => name.StartsWith('@') ? name[1..] : name;
}
