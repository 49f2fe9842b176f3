using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using TuiChat.Protocol;

namespace TuiChat.Client.Core.Encryption;

/// <summary>
/// The number two users compare to know they hold each other's real keys (Signal's scheme): for each
/// user, 5,200 rounds of SHA-512 over the identity keys and name give 30 digits; the two halves are
/// ordered so both sides print the same 60 digits, shown in 12 groups of 5.
/// </summary>
public static class SafetyNumber
{
    private const int Iterations = 5200;
    private static readonly byte[] Version = [0, 0];

    public static string Compute(string userA, byte[] agreementA, byte[] signingA, string userB, byte[] agreementB, byte[] signingB)
    {
        string a = Half(userA, agreementA, signingA);
        string b = Half(userB, agreementB, signingB);
        string digits = string.CompareOrdinal(a, b) <= 0 ? a + b : b + a;
        return string.Join(' ', Enumerable.Range(0, 12).Select(i => digits.Substring(i * 5, 5)));
    }

    private static string Half(string user, byte[] agreement, byte[] signing)
    {
        byte[] key = [.. agreement, .. signing];
        byte[] hash = [.. Version, .. key, .. Encoding.UTF8.GetBytes(NameRules.Key(user))];
        for (int i = 0; i < Iterations; i++)
        {
            hash = SHA512.HashData([.. hash, .. key]);
        }
        var digits = new StringBuilder(30);
        for (int chunk = 0; chunk < 6; chunk++)
        {
            long value = 0;
            for (int b = 0; b < 5; b++)
            {
                value = (value << 8) | hash[chunk * 5 + b];
            }
            digits.Append((value % 100_000).ToString("D5", CultureInfo.InvariantCulture));
        }
        return digits.ToString();
    }
}
