import { useParams } from 'react-router';

import { SourceDetail } from '@/features/sources/components/source-detail';

export function SourceRoute() {
  const { id = '' } = useParams();
  return <SourceDetail key={id} id={id} />;
}
