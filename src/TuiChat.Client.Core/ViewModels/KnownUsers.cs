using System.Collections.Concurrent;
using TuiChat.Protocol;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.ViewModels;

/// <summary>User names seen so far (members, senders, presence) with their role when a reply told it. Thread-safe.</summary>
internal sealed class KnownUsers
{
    private readonly ConcurrentDictionary<string, (string Name, string Role)> _users = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Names => _users.Values.Select(u => u.Name).Order(StringComparer.OrdinalIgnoreCase).ToArray();

    public void Remember(string name, string? role = null) =>
        _users.AddOrUpdate(NameRules.Key(name), (name, role ?? Roles.User), (_, old) => (name, role ?? old.Role));

    public string RoleOf(string user) => _users.TryGetValue(NameRules.Key(user), out var known) ? known.Role : Roles.User;
}
