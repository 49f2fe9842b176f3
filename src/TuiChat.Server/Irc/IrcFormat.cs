using System.Globalization;
using System.Text;

namespace TuiChat.Server.Irc;

/// <summary>Small pieces of IRC line syntax shared by the encoder and the replies.</summary>
public static class IrcFormat
{
    /// <summary>server-time's format: UTC with milliseconds.</summary>
    public static string Time(DateTimeOffset ts) => ts.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Appends a numeric from the server to <paramref name="nick"/>: <c>:server NNN nick args...</c>, without CR LF.</summary>
    public static void AppendNumeric(StringBuilder sb, string nick, string code, IReadOnlyList<string> args)
    {
        sb.Append(':').Append(IrcEncoder.ServerName).Append(' ').Append(code).Append(' ').Append(nick);
        AppendParams(sb, args);
    }

    /// <summary>Appends parameters; the last gets a ':' when it is empty, has a space or starts with ':'.</summary>
    public static void AppendParams(StringBuilder sb, IReadOnlyList<string> args)
    {
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            sb.Append(' ');
            if (i == args.Count - 1 && (arg.Length == 0 || arg.Contains(' ') || arg[0] == ':'))
            {
                sb.Append(':');
            }
            sb.Append(arg);
        }
    }
}
