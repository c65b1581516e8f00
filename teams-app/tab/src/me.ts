import { createContext, useContext } from 'react';

/** `GET /api/me`: who is signed in and their partnership's councils. */
export type Me = {
  caller: { partnershipId: string; partnerCode: string; roles: string[]; name: string; userId: string };
  partnership: {
    id: string;
    name: string;
    sharedServiceName: string;
    partners: { code: string; name: string; shortName: string }[];
  };
};

export const MeContext = createContext<Me | null>(null);

export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside MeContext');
  return me;
}

export const hasRole = (me: Me, ...roles: string[]) => roles.some((role) => me.caller.roles.includes(role));
