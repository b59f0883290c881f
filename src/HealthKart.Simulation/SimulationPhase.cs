namespace HealthKart.Simulation;

/// <summary>The phases of a simulation, each with its own random stream.</summary>
internal enum SimulationPhase
{
    Roster = 1,
    Posts = 2,
    Orders = 3,
    Payouts = 4,
}
