using System.Security.Cryptography;
using System.Text;
using HealthKart.Core.Privacy;

namespace HealthKart.Core.Tests.Privacy;

public sealed class UserPseudonymizerTests
{
    [Fact]
    public void APseudonymIsTheFirstTwelveBytesOfTheKeyedHash()
    {
        // RFC 4231, test case 2: HMAC-SHA256 of "what do ya want for nothing?" under the key "Jefe" is
        // 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843.
        var pseudonymizer = new UserPseudonymizer("Jefe", enabled: true);

        Assert.Equal("u_5bdcc146bf60754e6a042426", pseudonymizer.Pseudonymize("what do ya want for nothing?"));
    }

    [Fact]
    public void TwoKeysUsedInTurnOnOneThreadEachKeepTheirOwnPseudonyms()
    {
        var first = new UserPseudonymizer("key-one", enabled: true);
        var second = new UserPseudonymizer("key-two", enabled: true);
        string[] users = ["U1", "U2", "U1", new string('é', 200), "U2"];

        foreach (var user in users)
        {
            Assert.Equal(OneShot("key-one", user), first.Pseudonymize(user));
            Assert.Equal(OneShot("key-two", user), second.Pseudonymize(user));
        }
    }

    [Fact]
    public void ThreadsHashingAtOnceAgreeWithOneThread()
    {
        var pseudonymizer = new UserPseudonymizer("shared-key", enabled: true);
        var users = Enumerable.Range(0, 2_000).Select(i => $"USER{i:D5}").ToArray();

        var parallel = new string[users.Length];
        Parallel.For(0, users.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 },
            i => parallel[i] = pseudonymizer.Pseudonymize(users[i]));

        Assert.Equal(users.Select(u => OneShot("shared-key", u)), parallel);
    }

    [Fact]
    public void OffOrEmptyLeavesTheValueAsItIs()
    {
        Assert.Equal("U1", new UserPseudonymizer(null, enabled: false).Pseudonymize("U1"));
        Assert.Equal("", new UserPseudonymizer("k", enabled: true).Pseudonymize(""));
    }

    /// <summary>The plain one-shot HMAC, computed independently of the class under test.</summary>
    private static string OneShot(string key, string user) =>
        "u_" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key),
            Encoding.UTF8.GetBytes(user))[..12]);
}
