import { describe, expect, it } from 'vitest';
import { parseHrFeed } from '../../../shared/licences/hr-feed';

const COUNCILS = ['CCC', 'HDC', 'SCDC'];

describe('parseHrFeed', () => {
  it('reads starters and leavers, in ISO or UK dates, whatever the header spelling', () => {
    const csv = [
      'Employee Number,Name,Work_Email,Council,Start Date,Leave Date',
      'H1001,Jo Baker,Jo.Baker@huntingdonshire.example,hdc,2026-12-01,',
      '"C2002","Lee, Chris",chris.lee@cambridge.example,CCC,,31/10/2026',
    ].join('\r\n');
    expect(parseHrFeed(csv, COUNCILS)).toEqual([
      {
        employeeNumber: 'H1001',
        name: 'Jo Baker',
        workEmail: 'jo.baker@huntingdonshire.example',
        partnerCode: 'HDC',
        startDate: '2026-12-01',
        leaveDate: null,
      },
      {
        employeeNumber: 'C2002',
        name: 'Lee, Chris',
        workEmail: 'chris.lee@cambridge.example',
        partnerCode: 'CCC',
        startDate: null,
        leaveDate: '2026-10-31',
      },
    ]);
  });

  it('names every bad line and imports nothing', () => {
    const csv = [
      'employee number,name,work email,council,start date,leave date',
      'H1,Good Row,good@hdc.example,HDC,2026-01-05,',
      ',No Number,nn@hdc.example,HDC,2026-01-05,',
      'H3,Bad Email,not-an-email,HDC,2026-01-05,',
      'H4,Wrong Council,wc@pcc.example,PCC,2026-01-05,',
      'H5,Bad Date,bd@hdc.example,HDC,31/02/2026,',
      'H6,No Dates,nd@hdc.example,HDC,,',
      'H7,Backwards,bw@hdc.example,HDC,2026-05-01,2026-04-01',
    ].join('\n');
    let problems: { path: string; message: string }[] = [];
    try {
      parseHrFeed(csv, COUNCILS);
    } catch (error) {
      problems = (error as { problems: typeof problems }).problems;
    }
    expect(problems.map((p) => p.path)).toEqual(['line 3', 'line 4', 'line 5', 'line 6', 'line 7', 'line 8']);
    expect(problems[3]?.message).toMatch(/31\/02\/2026/);
  });

  it('refuses a file without the required columns, or one that is not CSV', () => {
    expect(() => parseHrFeed('name,email\nJo,jo@x.example', COUNCILS)).toThrow(/lacks columns/);
    expect(() => parseHrFeed('a,"b\n1,2', COUNCILS)).toThrow(/not a readable CSV/);
  });
});
