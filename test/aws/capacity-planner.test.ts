import { CapacityPlanner } from '../../lib/aws';

describe('CapacityPlanner (AWS-03)', () => {
  test('AWS-03 reproduces the s004 worked example: 100 users -> 511 IPs -> /22', () => {
    // s004 "Planejamento da rede VPC": per user 1 Jupyter Server (system) IP, 2 kernel gateway
    // instance types, 1 training instance with 2 IPs = 5; domain level 1 EFS mount target + 10 endpoints per subnet.
    const plan = new CapacityPlanner({
      users: 100,
      instanceTypesPerUser: 2,
      trainingInstancesPerUser: 1,
      interfaceEndpointsPerSubnet: 10,
      subnetCount: 3,
    });
    expect(plan.ipsPerUser).toBe(5);
    expect(plan.userLevelIps).toBe(500);
    expect(plan.domainLevelIpsPerSubnet).toBe(11);
    expect(plan.domainLevelIpsTotal).toBe(33);
    expect(plan.requiredIpsPerSubnet).toBe(511);
    expect(plan.recommendedPrefixLength).toBe(22);
  });

  test('AWS-03 the single-user scenario of s004 consumes 38 IPs over three subnets', () => {
    const plan = new CapacityPlanner({ users: 1, subnetCount: 3, interfaceEndpointsPerSubnet: 10 });
    expect(plan.userLevelIps + plan.domainLevelIpsTotal).toBe(38);
  });

  test('AWS-03 growth, EFA and apps beyond four per instance raise the need', () => {
    const base = new CapacityPlanner({ users: 100 });
    expect(new CapacityPlanner({ users: 100, growthPercent: 50 }).userLevelIps).toBe(750);
    expect(new CapacityPlanner({ users: 100, ipsPerTrainingInstance: 5 }).ipsPerUser).toBe(
      base.ipsPerUser + 3,
    );
    expect(
      new CapacityPlanner({ users: 100, appsPerUser: 12, instanceTypesPerUser: 1 }).ipsPerUser,
    ).toBe(1 + 3 + 2);
    expect(new CapacityPlanner({ users: 1000 }).recommendedPrefixLength).toBe(19);
  });

  test('AWS-03 undersized subnets are reported with their usable IPs', () => {
    const plan = new CapacityPlanner({ users: 100 });
    expect(plan.undersizedSubnets(['10.0.0.0/22', '10.0.4.0/23'])).toEqual([
      '10.0.4.0/23 has 507 usable IPs',
    ]);
    expect(CapacityPlanner.usableIps('10.0.0.0/24')).toBe(251);
  });

  test('invalid inputs are rejected with what is allowed', () => {
    expect(
      CapacityPlanner.validate({ users: 0, ipsPerTrainingInstance: 3, growthPercent: -1 }),
    ).toEqual([
      'users must be an integer >= 1 (got 0)',
      'ipsPerTrainingInstance must be 2 or 5 (EFA) (got 3)',
      'growthPercent must be between 0 and 1000 (got -1)',
    ]);
    expect(() => new CapacityPlanner({ users: 1.5 })).toThrow(
      "Invalid input for CapacityPlanner:\n  - users: got '1.5'; allowed: an integer >= 1",
    );
  });
});
