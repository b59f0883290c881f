namespace HealthKart.Integration.Tests;

/// <summary>A clock a test moves by hand, to reach an expiry without waiting for it.</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
