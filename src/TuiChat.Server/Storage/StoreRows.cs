using System.Data.Common;

namespace TuiChat.Server.Storage;

/// <summary>
/// Column lists and row readers shared by every query of both databases (SQLite and PostgreSQL
/// have the same columns, and both keep times as UTC ticks), so a SELECT and its mapping cannot drift apart.
/// </summary>
internal static class StoreRows
{
    public const string MessageColumns = "m.msg_id, m.ts, m.conversation, m.sender, m.target, m.text, m.file_id, m.notice";
    public const string FileColumns = "f.file_id, f.sender, f.target, f.conversation, f.name, f.size, f.sha256, f.ts, f.msg_id";
    public const string AccountColumns = "a.\"user\", a.password_hash, a.role, a.created";
    public const string IdentityKeyColumns = "k.\"user\", k.agreement, k.signing, k.signature, k.updated";

    public static long Ticks(DateTimeOffset time) => time.UtcTicks;

    public static DateTimeOffset Time(long ticks) => new(ticks, TimeSpan.Zero);

    /// <summary>Reads <see cref="MessageColumns"/> starting at column <paramref name="at"/>.</summary>
    public static StoredMessage Message(DbDataReader r) => Message(r, 0);

    public static StoredMessage Message(DbDataReader r, int at) =>
        new(r.GetInt64(at), Time(r.GetInt64(at + 1)), r.GetString(at + 2), r.GetString(at + 3), r.GetString(at + 4), r.GetString(at + 5),
            r.IsDBNull(at + 6) ? null : r.GetString(at + 6), r.GetBoolean(at + 7));

    /// <summary>Reads <see cref="FileColumns"/> starting at column <paramref name="at"/>.</summary>
    public static FileRecord File(DbDataReader r) => File(r, 0);

    public static FileRecord File(DbDataReader r, int at) =>
        new(r.GetString(at), r.GetString(at + 1), r.GetString(at + 2), r.GetString(at + 3), r.GetString(at + 4), r.GetInt64(at + 5), r.GetString(at + 6), Time(r.GetInt64(at + 7)), r.GetInt64(at + 8));

    public static AccountRecord Account(DbDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), Time(r.GetInt64(3)));

    public static IdentityKeysRecord IdentityKeys(DbDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), Time(r.GetInt64(4)));

    /// <summary>
    /// Reads rooms or groups joined with their member rows: column 0 is the room key, column 1 the
    /// member (null for a room without members); <paramref name="create"/> reads the room's other
    /// columns from its first row and gets its member list, which fills as the rows go by.
    /// </summary>
    public static List<T> ReadWithMembers<T>(DbCommand command, Func<DbDataReader, List<string>, T> create)
    {
        var rooms = new List<T>();
        string? currentKey = null;
        List<string> members = [];
        using DbDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            string key = reader.GetString(0);
            if (key != currentKey)
            {
                currentKey = key;
                members = [];
                rooms.Add(create(reader, members));
            }
            if (!reader.IsDBNull(1))
            {
                members.Add(reader.GetString(1));
            }
        }
        return rooms;
    }

    public static List<T> ReadAll<T>(DbCommand command, Func<DbDataReader, T> map)
    {
        var rows = new List<T>();
        using DbDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }
}
